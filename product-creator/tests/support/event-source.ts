import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

// What Lambda's SQS event source mapping does, against a real (emulated) queue: receive a batch, invoke
// the handler, delete the records it did not report failed, and leave the failed ones to come back.
// (A candidate for @bbws/local, next to its other test helpers; audit-logger's tests keep a twin.)

export type SqsHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

export interface EventSource {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  handler: SqsHandler;
  batchSize?: number;
}

const attributesOf = (message: Message): SQSRecord['attributes'] =>
  ({
    ApproximateReceiveCount: '1',
    SentTimestamp: '',
    SenderId: '',
    ApproximateFirstReceiveTimestamp: '',
    ...message.Attributes,
  }) as SQSRecord['attributes'];

const messageAttributesOf = ({ MessageAttributes = {} }: Message): SQSRecord['messageAttributes'] =>
  Object.fromEntries(
    Object.entries(MessageAttributes).map(([name, { DataType = 'String', StringValue }]) => [
      name,
      { dataType: DataType, stringValue: StringValue },
    ]),
  );

const recordOf = (message: Message, queueArn: string): SQSRecord => ({
  messageId: String(message.MessageId),
  receiptHandle: String(message.ReceiptHandle),
  body: String(message.Body),
  attributes: attributesOf(message),
  messageAttributes: messageAttributesOf(message),
  md5OfBody: String(message.MD5OfBody),
  eventSource: 'aws:sqs',
  eventSourceARN: queueArn,
  awsRegion: String(queueArn.split(':')[3]),
});

/**
 * One poll: returns how many records were received and how many the handler reported failed. A failed
 * record is made visible again at once, as if its visibility timeout had passed; SQS moves it to the DLQ
 * once it has been received maxReceiveCount times.
 */
export const pollOnce = async ({ sqs, queueUrl, queueArn, handler, batchSize = 10 }: EventSource) => {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: batchSize,
      AttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
  );
  if (Messages.length === 0) return { received: 0, failed: 0 };
  const { batchItemFailures } = await handler({
    Records: Messages.map((message) => recordOf(message, queueArn)),
  });
  const failedIds = new Set(batchItemFailures.map(({ itemIdentifier }) => itemIdentifier));
  await Promise.all(
    Messages.map(({ MessageId, ReceiptHandle }) =>
      failedIds.has(MessageId ?? '')
        ? sqs.send(
            new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle, VisibilityTimeout: 0 }),
          )
        : sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle })),
    ),
  );
  return { received: Messages.length, failed: failedIds.size };
};

/** Polls until the queue answers empty: every message is then applied or in the DLQ. */
export const drain = async (source: EventSource, maxPolls = 100): Promise<void> => {
  for (let poll = 0; poll < maxPolls; poll += 1) {
    if ((await pollOnce(source)).received === 0) return;
  }
  throw new Error(`The queue still had messages after ${maxPolls} polls`);
};
