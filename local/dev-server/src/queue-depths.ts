import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueDepth } from './changes-page';

/** The depth of each queue of the stack (`url` of its provisioned resources), through the SQS API. */
export const queueDepthsOf =
  (sqs: SQSClient, queues: { name: string; url?: string }[]) => async (): Promise<QueueDepth[]> =>
    Promise.all(
      queues
        .filter((queue): queue is { name: string; url: string } => queue.url !== undefined)
        .map(async ({ name, url }) => {
          const { Attributes = {} } = await sqs.send(
            new GetQueueAttributesCommand({
              QueueUrl: url,
              AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
            }),
          );
          return {
            queue: name,
            visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
            inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
          };
        }),
    );
