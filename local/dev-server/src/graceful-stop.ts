import type { SQSClient } from '@aws-sdk/client-sqs';
import { messagesLeft, waitForQueuesToEmpty, type QueueRef } from './drain';
import { saveSnapshot, type EmulatorState } from './persistence';
import type { StopOptions, StopReport } from './stop-report';

export interface StoppingSystem {
  gateway: { drain(): Promise<void> };
  sqs: SQSClient;
  /** Each poller with its queue and the consuming service (`product-creator`). */
  consumers: Array<{ queue: QueueRef; service: string; stop(): Promise<void> }>;
  /** Every queue of the template, DLQs included. */
  queues: QueueRef[];
  /** The embedded emulators' state, which dies with them; none for an external backend. */
  emulatorState?: EmulatorState;
  persistDir?: string;
  log: (line: string) => void;
}

/** Saves what the emulators hold (with a persist directory) or counts it; an external backend keeps it. */
const settle = async (system: StoppingSystem, log: (line: string) => void) => {
  const { emulatorState, persistDir, sqs, queues } = system;
  if (emulatorState && persistDir) {
    const saved = await saveSnapshot(persistDir, emulatorState);
    return { fate: 'saved' as const, left: saved.messages, persistDir, objects: saved.objects };
  }
  if (emulatorState) return { fate: 'dropped' as const, left: await messagesLeft(sqs, queues) };
  // An external backend keeps its messages whatever happens here: not being able to count them is no failure.
  const left = await messagesLeft(sqs, queues).catch((error: unknown): Record<string, number> => {
    log(`Could not count the messages left in the AWS backend (it keeps them): ${String(error)}`);
    return {};
  });
  return { fate: 'kept' as const, left };
};

/**
 * The stop of `npm start`: new requests get 503 while those being handled finish; then the consumers get
 * up to `drainTimeoutMs` to empty their queues and are stopped; then what is left in the queues and the
 * buckets is saved to the persist directory, or counted as dropped.
 */
export const gracefulStop = async (
  system: StoppingSystem,
  options: StopOptions = {},
): Promise<StopReport> => {
  const log = options.log ?? system.log;
  await system.gateway.drain();
  if (options.drainTimeoutMs) {
    const consumed = system.consumers.map(({ queue }) => queue);
    await waitForQueuesToEmpty(system.sqs, consumed, options.drainTimeoutMs, {
      skip: options.skipDrain,
      onProgress: (left) => {
        const queues = Object.entries(left).map(([queue, count]) => `${queue} ${count} left`);
        log(`Draining: ${queues.join(', ')}`);
      },
    });
  }
  await Promise.all(system.consumers.map((consumer) => consumer.stop()));
  const { left, ...outcome } = await settle(system, log);
  const queues = system.queues.map(({ name }) => ({
    name,
    consumer: system.consumers.find(({ queue }) => queue.name === name)?.service,
    messages: left[name] ?? 0,
  }));
  return { drained: queues.every((queue) => !queue.consumer || queue.messages === 0), queues, ...outcome };
};
