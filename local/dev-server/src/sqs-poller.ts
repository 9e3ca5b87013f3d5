import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { setTimeout as delay } from 'node:timers/promises';
import type { Invocation } from './function-runtime';
import type { SqsEventSource } from './services';
import { failedMessageIds, sqsBatches, sqsRecord } from './sqs-event';

export interface BatchLog {
  functionName: string;
  queueName: string;
  messageIds: string[];
  failedMessageIds: string[];
  /** The function's error, when it failed the whole batch by throwing or timing out. */
  error?: string;
  durationMs: number;
}

export interface SqsPollerOptions {
  sqs: SQSClient;
  queueUrl: string;
  source: SqsEventSource;
  functionName: string;
  region: string;
  invoke(event: unknown): Promise<Invocation>;
  onBatch?: (batch: BatchLog) => void;
  onError?: (error: unknown) => void;
  /** Long-poll wait of each receive: 20 s, as Lambda's pollers, unless told otherwise. */
  waitTimeSeconds?: number;
  /**
   * Abort receives in flight on stop (right when the backend stops too). Otherwise stop waits for them:
   * a receive abandoned on a backend that keeps running would hide its messages for a visibility timeout.
   */
  abortOnStop?: boolean;
}

// SQS's own maxima for one ReceiveMessage call.
const MAX_MESSAGES_PER_RECEIVE = 10;
const MAX_WAIT_SECONDS = 20;

/**
 * Lambda's SQS event source mapping, over the queue's own API: long polling, batches of up to
 * `batchSize` gathered for at most the batching window, one invocation per batch, and afterwards only the
 * messages that succeeded deleted. Failed ones come back after the queue's visibility timeout, and the
 * queue's redrive policy moves them to the DLQ after maxReceiveCount receives. `maximumConcurrency`
 * pollers run at once, each invoking one batch at a time.
 */
export const startSqsPoller = (options: SqsPollerOptions) => {
  const { sqs, queueUrl, source } = options;
  const stopping = new AbortController();
  const aborting = new AbortController();
  const queueName = queueUrl.split('/').pop() ?? queueUrl;

  const receive = async (maxMessages: number, waitSeconds: number): Promise<Message[]> => {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(maxMessages, MAX_MESSAGES_PER_RECEIVE),
        WaitTimeSeconds: Math.min(waitSeconds, MAX_WAIT_SECONDS),
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: aborting.signal },
    );
    return Messages;
  };

  // The window starts with the first message; the last call may overrun it by under a second.
  const receiveBatch = async (): Promise<Message[]> => {
    const batch = await receive(source.batchSize, options.waitTimeSeconds ?? MAX_WAIT_SECONDS);
    const windowEnds = Date.now() + source.maximumBatchingWindowSeconds * 1000;
    while (batch.length > 0 && batch.length < source.batchSize && Date.now() < windowEnds) {
      const waitSeconds = Math.ceil((windowEnds - Date.now()) / 1000);
      batch.push(...(await receive(source.batchSize - batch.length, waitSeconds)));
    }
    return batch;
  };

  const processBatch = async (messages: Message[]) => {
    const startedAt = performance.now();
    const Records = messages.map((message) => sqsRecord(message, source.queueArn, options.region));
    const invocation = await options.invoke({ Records });
    const messageIds = messages.map((message) => message.MessageId ?? '');
    const failed = failedMessageIds(messageIds, invocation, source.reportBatchItemFailures);
    const succeeded = messages.filter((message) => !failed.includes(message.MessageId ?? ''));
    for (const Entries of sqsBatches(succeeded, ({ ReceiptHandle }) => ({ ReceiptHandle })))
      await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries }));
    options.onBatch?.({
      functionName: options.functionName,
      queueName,
      messageIds,
      failedMessageIds: failed,
      error: invocation.ok ? undefined : `${invocation.error.errorType}: ${invocation.error.errorMessage}`,
      durationMs: Math.round(performance.now() - startedAt),
    });
  };

  const poll = async () => {
    while (!stopping.signal.aborted) {
      try {
        const messages = await receiveBatch();
        if (messages.length > 0) await processBatch(messages);
      } catch (error) {
        if (aborting.signal.aborted) return;
        options.onError?.(error);
        await delay(1000);
      }
    }
  };

  const pollers = Array.from({ length: Math.max(1, source.maximumConcurrency) }, poll);
  return {
    stop: async () => {
      stopping.abort();
      if (options.abortOnStop) aborting.abort();
      await Promise.all(pollers);
    },
  };
};
