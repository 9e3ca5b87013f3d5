import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { sqsEvent } from './system/sqs-event';

export type SqsHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

export interface EventSource {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  handler: SqsHandler;
  batchSize?: number;
}

/**
 * For tests: one poll of a real (emulated) queue as Lambda's event source mapping does it: receive a
 * batch, invoke the handler, delete the records it did not report failed. A failed record is made
 * visible again at once, as if its visibility timeout had passed; the queue moves it to its DLQ after
 * maxReceiveCount receives. Returns how many records came and how many failed.
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
  const { batchItemFailures } = await handler(sqsEvent(Messages, queueArn, queueArn.split(':')[3] ?? ''));
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

/** Polls until the queue answers empty: every message is then handled or in the DLQ. */
export const drain = async (source: EventSource, maxPolls = 100): Promise<void> => {
  for (let poll = 0; poll < maxPolls; poll += 1) {
    if ((await pollOnce(source)).received === 0) return;
  }
  throw new Error(`The queue still had messages after ${maxPolls} polls`);
};
