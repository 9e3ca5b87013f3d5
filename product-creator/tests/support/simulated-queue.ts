import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

// An in-memory SQS standard queue with a redrive policy, for the property test: it hands out random
// batches of whatever is visible, in random order, puts failed records back to come round again later,
// and moves a record to the dead-letter list once it has failed maxReceiveCount receives. The real
// emulated queue cannot be told which order to deliver in, and fast-check needs to choose that.

export type Random = () => number;

/** mulberry32: a small seeded generator, so that a failing run replays from its seed. */
export const seededRandom = (seed: number): Random => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
};

interface QueuedMessage {
  messageId: string;
  body: string;
  receiveCount: number;
}

export interface SimulatedQueueOptions {
  queueArn: string;
  random: Random;
  maxReceiveCount?: number;
  batchSize?: number;
}

export class SimulatedQueue {
  private readonly visible: QueuedMessage[] = [];
  readonly deadLetters: QueuedMessage[] = [];
  private sent = 0;

  constructor(private readonly options: SimulatedQueueOptions) {}

  get isEmpty(): boolean {
    return this.visible.length === 0;
  }

  /** Enqueues at a random position: a standard queue promises no order. */
  send(body: string): void {
    this.sent += 1;
    this.insertAtRandom({ messageId: `${this.options.queueArn}#${this.sent}`, body, receiveCount: 0 });
  }

  /** One invocation by the event source mapping: a random batch, then delete or return each record. */
  async poll(handler: (event: SQSEvent) => Promise<SQSBatchResponse>): Promise<void> {
    const { random, batchSize = 10 } = this.options;
    const size = 1 + Math.floor(random() * Math.min(batchSize, this.visible.length));
    const batch = this.visible.splice(0, size);
    for (const message of batch) message.receiveCount += 1;
    const { batchItemFailures } = await handler({ Records: batch.map((message) => this.recordOf(message)) });
    const failed = new Set(batchItemFailures.map(({ itemIdentifier }) => itemIdentifier));
    for (const message of batch.filter(({ messageId }) => failed.has(messageId))) {
      if (message.receiveCount >= (this.options.maxReceiveCount ?? 5)) this.deadLetters.push(message);
      else this.insertAtRandom(message);
    }
  }

  private insertAtRandom(message: QueuedMessage): void {
    this.visible.splice(Math.floor(this.options.random() * (this.visible.length + 1)), 0, message);
  }

  private recordOf({ messageId, body, receiveCount }: QueuedMessage): SQSRecord {
    return {
      messageId,
      receiptHandle: messageId,
      body,
      attributes: {
        ApproximateReceiveCount: String(receiveCount),
        SentTimestamp: '0',
        SenderId: 'sns',
        ApproximateFirstReceiveTimestamp: '0',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: this.options.queueArn,
      awsRegion: 'eu-west-1',
    };
  }
}
