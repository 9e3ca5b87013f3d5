import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { setTimeout as delay } from 'node:timers/promises';
import type { QueueDepth } from './changes-page';

export interface QueueRef {
  name: string;
  url: string;
}

const depthOf = async (sqs: SQSClient, url: string) => {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
  );
  return {
    visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
    delayed: Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0),
  };
};

/** The depth of each queue of the stack (`url` of its provisioned resources), for the changes page. */
export const queueDepthsOf =
  (sqs: SQSClient, queues: Array<{ name: string; url?: string }>) => async (): Promise<QueueDepth[]> =>
    Promise.all(
      queues.flatMap(({ name, url }) =>
        url ? [depthOf(sqs, url).then(({ visible, inFlight }) => ({ queue: name, visible, inFlight }))] : [],
      ),
    );

/** Messages in each queue, by name: visible, delayed, and received but not yet deleted. */
export const messagesLeft = async (sqs: SQSClient, queues: QueueRef[]): Promise<Record<string, number>> =>
  Object.fromEntries(
    await Promise.all(
      queues.map(async ({ name, url }) => {
        const { visible, inFlight, delayed } = await depthOf(sqs, url);
        return [name, visible + inFlight + delayed] as const;
      }),
    ),
  );

const POLL_MS = 200;
const PROGRESS_MS = 1000;

/**
 * Waits until the consumers have emptied their `queues`, for at most `timeoutMs` or until `skip` aborts,
 * calling `onProgress` about once a second with what is left, while something is. Returns what was left
 * in each queue when it stopped waiting (all zero when they emptied).
 */
export const waitForQueuesToEmpty = async (
  sqs: SQSClient,
  queues: QueueRef[],
  timeoutMs: number,
  { skip, onProgress }: { skip?: AbortSignal; onProgress?: (left: Record<string, number>) => void } = {},
): Promise<Record<string, number>> => {
  const deadline = Date.now() + timeoutMs;
  let nextProgress = Date.now() + PROGRESS_MS;
  for (;;) {
    const left = await messagesLeft(sqs, queues);
    const total = Object.values(left).reduce((sum, count) => sum + count, 0);
    if (total === 0 || Date.now() >= deadline || skip?.aborted) return left;
    if (Date.now() >= nextProgress) {
      onProgress?.(left);
      nextProgress += PROGRESS_MS;
    }
    await delay(POLL_MS, undefined, { signal: skip }).catch(() => undefined);
  }
};
