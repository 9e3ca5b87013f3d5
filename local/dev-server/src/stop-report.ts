export interface StopOptions {
  /**
   * How long to wait for the consumers to empty their queues before stopping them; 0 (the default) stops
   * them at once. Whatever is left is saved with `persistDir`, dropped otherwise.
   */
  drainTimeoutMs?: number;
  /** Ends the wait early when aborted (a second Ctrl-C): the stop goes on, and still saves. */
  skipDrain?: AbortSignal;
  /** Progress lines; the system's `log` by default. */
  log?: (line: string) => void;
}

export interface QueueLeft {
  name: string;
  /** The service that consumes it; none for a dead-letter queue. */
  consumer?: string;
  /** Messages in it when the consumers had stopped: visible, delayed, or received and not deleted. */
  messages: number;
}

export interface StopReport {
  /** True when the consumers' queues were empty when the consumers stopped. */
  drained: boolean;
  queues: QueueLeft[];
  /**
   * What became of the queues' messages and the buckets' objects: `saved` in the persist directory,
   * `dropped` with the embedded emulators, or `kept` by an external backend that outlives the system.
   */
  fate: 'saved' | 'dropped' | 'kept';
  /** With `saved`: the directory and the objects saved by bucket. */
  persistDir?: string;
  objects?: Record<string, number>;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** What `npm start` prints once the system has stopped: what was kept, and what was not. */
export const describeStop = (report: StopReport): string[] => {
  const left = report.queues
    .filter((queue) => queue.messages > 0)
    .map(({ name, consumer, messages }) =>
      consumer
        ? `${plural(messages, 'accepted change')} not yet processed by ${consumer} (${name})`
        : `${plural(messages, 'message')} parked in ${name}`,
    )
    .join(', ');
  if (report.fate === 'saved') {
    const objects = Object.values(report.objects ?? {}).reduce((sum, count) => sum + count, 0);
    return [
      `Saved to ${report.persistDir}: ${left || 'no messages'}; ${plural(objects, 'audit object')}; the table, the API key and the secrets.`,
      `npm start -- --persist ${report.persistDir} puts them back and the consumers carry on.`,
    ];
  }
  if (report.fate === 'kept') return left ? [`Left in the AWS backend, which keeps them: ${left}.`] : [];
  if (!left) return ['Nothing was in flight: every accepted change had been applied and audited.'];
  return [
    `Still in flight and dropped (nothing is kept without --persist): ${left}.`,
    'npm start -- --persist DIR keeps them across a stop.',
  ];
};
