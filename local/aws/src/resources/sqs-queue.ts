import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { ResourceHandler } from './handler';
import { physicalName, stringAttributes } from './properties';

// Queue attributes fauxqs applies; encryption settings (SqsManagedSseEnabled, Kms*) have no local meaning.
const QUEUE_ATTRIBUTES = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'RedrivePolicy',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

export const sqsQueue: ResourceHandler = {
  applies: ['QueueName', ...QUEUE_ATTRIBUTES],
  provision: async (input) => {
    const queueName = physicalName(input, 'QueueName');
    const { sqs } = input.clients;
    // CreateQueue is idempotent for the same attributes; RedrivePolicy goes as a JSON string attribute.
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: queueName,
        Attributes: stringAttributes(input.properties, QUEUE_ATTRIBUTES),
      }),
    );
    const url = QueueUrl ?? '';
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
    );
    const arn = Attributes?.QueueArn ?? '';
    return {
      ref: url,
      name: queueName,
      arn,
      url,
      attributes: { Arn: arn, QueueName: queueName, QueueUrl: url },
    };
  },
};
