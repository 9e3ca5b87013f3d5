import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { startSqsPoller, waitForQueuesToEmpty, type BatchLog, type Invocation } from '@bbws/dev-server';

export interface InProcessConsumerOptions {
  sqs: SQSClient;
  queue: { name: string; url?: string; arn?: string };
  region: string;
  handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
  batchSize?: number;
  /** Lambda's MaximumBatchingWindowInSeconds: how long a batch gathers messages after the first; 0 by default. */
  batchingWindowSeconds?: number;
  /** Pollers at once (the event source's MaximumConcurrency); 1 by default. */
  concurrency?: number;
}

/**
 * A consumer of this process (tests, benchmarks) on the same poller as `npm start`: failed records come
 * back after the queue's visibility timeout and reach its DLQ after maxReceiveCount receives.
 */
export const consumeInProcess = (options: InProcessConsumerOptions) => {
  const { sqs, queue } = options;
  const queueRef = { name: queue.name, url: queue.url ?? '' };
  const waiting: Array<(batch: BatchLog) => void> = [];
  const poller = startSqsPoller({
    sqs,
    queueUrl: queueRef.url,
    source: {
      queueArn: queue.arn ?? '',
      batchSize: options.batchSize ?? 10,
      maximumBatchingWindowSeconds: options.batchingWindowSeconds ?? 0,
      reportBatchItemFailures: true,
      maximumConcurrency: options.concurrency ?? 1,
    },
    functionName: queue.name,
    region: options.region,
    // A thrown error fails the whole batch, as a function error does in Lambda.
    invoke: async (event): Promise<Invocation> => {
      try {
        return { ok: true, result: await options.handler(event as SQSEvent) };
      } catch (error) {
        const { name = 'Error', message = String(error) } = error instanceof Error ? error : {};
        return { ok: false, error: { errorType: name, errorMessage: message } };
      }
    },
    onBatch: (batch) => waiting.splice(0).forEach((resolve) => resolve(batch)),
    abortOnStop: true,
    waitTimeSeconds: 1,
  });
  return {
    /** The next batch the handler is invoked with, once it is handled. */
    nextBatch: () => new Promise<BatchLog>((resolve) => waiting.push(resolve)),
    /** Resolves once every message is handled or in the DLQ; throws if some are still there after `timeoutMs`. */
    drained: async (timeoutMs = 20_000): Promise<void> => {
      const left = await waitForQueuesToEmpty(sqs, [queueRef], timeoutMs);
      if ((left[queue.name] ?? 0) > 0)
        throw new Error(`${left[queue.name]} messages still in ${queue.name} after ${timeoutMs} ms`);
    },
    stop: poller.stop,
  };
};
