import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { validateChangeEvent, type ChangeEvent } from '@bbws/core';
import type { AwsClientStub } from 'aws-sdk-client-mock';

/** Every change event published through the mocked SNS client, each checked against core's schema. */
export const publishedChanges = (sns: AwsClientStub<SNSClient>): ChangeEvent[] =>
  sns
    .commandCalls(PublishCommand)
    .map(({ args: [command] }) => validateChangeEvent(JSON.parse(command.input.Message ?? 'null')));
