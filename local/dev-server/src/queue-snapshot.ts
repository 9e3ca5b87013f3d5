import {
  ChangeMessageVisibilityBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { sqsBatches } from './sqs-event';

// The message shape of fauxqs's documented inspection endpoint (GET /_fauxqs/queues/:queueName); binary
// attribute values are base64-encoded.
interface InspectedMessage {
  body: string;
  messageAttributes?: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
  approximateReceiveCount: number;
  sentTimestamp: number;
}
type QueueInspection = Record<'ready' | 'delayed', InspectedMessage[]> & {
  inflight: Array<{ message: InspectedMessage }>;
};

/** One message as saved: what SendMessage needs to put it back, and how often it had been received. */
export interface SavedMessage {
  body: string;
  attributes: NonNullable<InspectedMessage['messageAttributes']>;
  receiveCount: number;
  sentTimestamp: number;
}

/**
 * Every message of the queue, visible, delayed or received and not yet deleted, oldest first, read with
 * fauxqs's non-destructive inspection: nothing is received, so no receive count or visibility changes.
 */
export const inspectQueue = async (endpoint: string, queueName: string): Promise<SavedMessage[]> => {
  const response = await fetch(`${endpoint}/_fauxqs/queues/${encodeURIComponent(queueName)}`);
  if (!response.ok) throw new Error(`Could not inspect queue ${queueName}: HTTP ${response.status}`);
  const { messages } = (await response.json()) as { messages: QueueInspection };
  return [...messages.ready, ...messages.delayed, ...messages.inflight.map(({ message }) => message)]
    .map((message) => ({
      body: message.body,
      attributes: message.messageAttributes ?? {},
      receiveCount: message.approximateReceiveCount,
      sentTimestamp: message.sentTimestamp,
    }))
    .sort((a, b) => a.sentTimestamp - b.sentTimestamp);
};

const sendAll = async (sqs: SQSClient, queueUrl: string, messages: SavedMessage[]) => {
  const entries = sqsBatches(messages, ({ body, attributes }) => ({
    MessageBody: body,
    MessageAttributes: Object.fromEntries(
      Object.entries(attributes).map(([name, { BinaryValue, ...value }]) => [
        name,
        { ...value, BinaryValue: BinaryValue === undefined ? undefined : Buffer.from(BinaryValue, 'base64') },
      ]),
    ),
  }));
  for (const Entries of entries) {
    const { Failed = [] } = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries }));
    if (Failed.length > 0) {
      const reasons = Failed.map((failure) => `${failure.Code}: ${failure.Message}`).join('; ');
      throw new Error(`Could not put ${Failed.length} messages back in ${queueUrl}: ${reasons}`);
    }
  }
};

/** Receives every visible message once (hiding each until all are received), then makes them visible again. */
const receiveEachOnce = async (sqs: SQSClient, queueUrl: string) => {
  const handles: string[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        // Long enough that no message comes back within one restore round.
        VisibilityTimeout: 300,
      }),
    );
    if (Messages.length === 0) break;
    handles.push(...Messages.map((message) => message.ReceiptHandle ?? ''));
  }
  for (const Entries of sqsBatches(handles, (ReceiptHandle) => ({ ReceiptHandle, VisibilityTimeout: 0 })))
    await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries }));
};

/**
 * Puts saved messages back through the SQS API, each with the receive count it had: SQS has no call that
 * sets one, so a message saved after k receives is received k times here (rounds in which every message
 * still owed a receive is visible, the others not yet sent). Messages get new ids, as after a redrive.
 */
export const restoreQueue = async (sqs: SQSClient, queueUrl: string, messages: SavedMessage[]) => {
  for (let count = Math.max(0, ...messages.map((message) => message.receiveCount)); count >= 0; count -= 1) {
    const joining = messages.filter((message) => message.receiveCount === count);
    await sendAll(sqs, queueUrl, joining);
    if (count > 0) await receiveEachOnce(sqs, queueUrl);
  }
};
