import { SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import type { AwsClients } from '@bbws/local-aws';

export interface TopicTap {
  queueUrl: string;
  /** Every message published since the last drain, each body once, in no particular order. */
  drain(options?: { waitSeconds?: number }): Promise<string[]>;
}

// A drain stops after this many empty receives in a row, or this many receives in all.
const EMPTY_RECEIVES_TO_STOP = 2;
const MAX_RECEIVES = 2_000;

/** Receives and deletes everything on a queue, until it has answered empty twice in a row. */
export const drainQueue = async (
  aws: AwsClients,
  queueUrl: string,
  { waitSeconds = 1 }: { waitSeconds?: number } = {},
): Promise<Message[]> => {
  const drained: Message[] = [];
  let empty = 0;
  for (let receives = 0; receives < MAX_RECEIVES && empty < EMPTY_RECEIVES_TO_STOP; receives += 1) {
    const { Messages = [] } = await aws.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: waitSeconds,
        VisibilityTimeout: 60,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    empty = Messages.length === 0 ? empty + 1 : 0;
    if (Messages.length === 0) continue;
    drained.push(...Messages);
    await aws.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle,
        })),
      }),
    );
  }
  return drained;
};

const DEPTH_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
] as const;

/** Messages on a queue, visible, in flight or delayed, as SQS approximates them. */
export const queueDepth = async (aws: AwsClients, queueUrl: string): Promise<number> => {
  const { Attributes = {} } = await aws.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: [...DEPTH_ATTRIBUTES] }),
  );
  return DEPTH_ATTRIBUTES.reduce((total, name) => total + Number(Attributes[name] ?? 0), 0);
};

/**
 * A queue of the test's own subscribed to the topic with raw delivery, as the consumers' queues are: it
 * sees exactly what the API published, without taking anything from the consumers.
 */
export const tapTopic = async (aws: AwsClients, topicArn: string, name: string): Promise<TopicTap> => {
  const { QueueUrl } = await aws.sqs.send(new CreateQueueCommand({ QueueName: name }));
  if (!QueueUrl) throw new Error(`No URL for the tap queue ${name}`);
  const { Attributes = {} } = await aws.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  await aws.sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: 'sqs',
      Endpoint: Attributes.QueueArn,
      Attributes: { RawMessageDelivery: 'true' },
    }),
  );
  return {
    queueUrl: QueueUrl,
    drain: async (options) => [
      ...new Set((await drainQueue(aws, QueueUrl, options)).map((message) => message.Body ?? '')),
    ],
  };
};
