import type { SQSEvent, SQSRecord } from 'aws-lambda';
import createEvent from '../../events/change-event-create.json';
import deleteEvent from '../../events/change-event-delete.json';
import { NotYetApplicable } from '../../src/consumer/errors';
import { logger } from '../../src/logger';
import {
  sqsBatchHandler,
  type ChangeEventResult,
  type ProcessChangeEvent,
} from '../../src/consumer/sqs-batch-handler';
import type { ChangeEvent } from '../../src/schemas/change-event';

const PRODUCT_A = '0b6f5a3e-7c1d-4a8e-9f2b-3c4d5e6f7a8b';
const PRODUCT_B = '1c7a6b4f-8d2e-4b9f-8a3c-4d5e6f7a8b9c';
const PRODUCT_C = '2d8b7c5a-9e3f-4cae-9b4d-5e6f7a8b9cad';

let nextId = 0;
const changeEvent = (productId: string, eventType: 'CREATE' | 'DELETE' = 'CREATE'): ChangeEvent => {
  nextId += 1;
  const eventId = `00000000-0000-4000-8000-${String(nextId).padStart(12, '0')}`;
  const template = eventType === 'CREATE' ? createEvent : deleteEvent;
  return { ...template, eventId, productId } as ChangeEvent;
};

const sqsRecord = (body: unknown, receiveCount = 1): SQSRecord => {
  nextId += 1;
  return {
    messageId: `message-${nextId}`,
    receiptHandle: `handle-${nextId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '1736937000000',
      SenderId: 'sender',
      ApproximateFirstReceiveTimestamp: '1736937000500',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:bbws-product-change-local',
    awsRegion: 'eu-west-1',
  };
};

const sqsEvent = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

const eventIdOf = (record: SQSRecord): string => (JSON.parse(record.body) as ChangeEvent).eventId;

const applied = async (): Promise<ChangeEventResult> => ({ outcome: 'applied' });

/** A processor whose answer for each event is decided by the test; it records the order of calls. */
const scripted = (answers: Record<string, () => Promise<ChangeEventResult>> = {}) => {
  const calls: string[] = [];
  const process: ProcessChangeEvent = async (event) => {
    calls.push(event.eventId);
    return (answers[event.eventId] ?? applied)();
  };
  return { calls, process };
};

// Powertools writes INFO to stdout and WARN and above to stderr; the lines are read back in call order.
const logLines = (...streams: jest.SpyInstance[]): Record<string, unknown>[] =>
  streams
    .flatMap((stream) =>
      stream.mock.calls.map(([line], call) => ({ line, order: stream.mock.invocationCallOrder[call] ?? 0 })),
    )
    .sort((a, b) => a.order - b.order)
    .map(({ line }) => JSON.parse(String(line)) as Record<string, unknown>)
    .filter((line) => line.message === 'change event processed');

describe('sqsBatchHandler', () => {
  let stdout: jest.SpyInstance;
  let stderr: jest.SpyInstance;

  beforeAll(() => logger.setLogLevel('INFO'));

  beforeEach(() => {
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    stdout.mockRestore();
    stderr.mockRestore();
  });

  it('reports no failures when every record applies, and hands each its event and delivery', async () => {
    const process = jest.fn(applied);
    const record = sqsRecord(changeEvent(PRODUCT_A), 3);

    const response = await sqsBatchHandler(process)(sqsEvent(record));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(process).toHaveBeenCalledWith(
      JSON.parse(record.body),
      { messageId: record.messageId, receiveCount: 3 },
      JSON.parse(record.body),
    );
  });

  it('hands a next-minor-version event over as it knows it and as received', async () => {
    const process = jest.fn(applied);
    const known = { ...changeEvent(PRODUCT_A), schemaMinorVersion: 3 };
    const received = { ...known, traceId: 'trace-1', product: { ...createEvent.product, stock: 4 } };

    const response = await sqsBatchHandler(process)(sqsEvent(sqsRecord(received)));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(process).toHaveBeenCalledWith(known, expect.anything(), received);
  });

  it('fails an event of another major version without handing it over, naming the version in its log line', async () => {
    const process = jest.fn(applied);
    const nextMajor = { ...changeEvent(PRODUCT_A), schemaVersion: 2 };

    const response = await sqsBatchHandler(process)(sqsEvent(sqsRecord(nextMajor)));

    expect(response.batchItemFailures).toHaveLength(1);
    expect(process).not.toHaveBeenCalled();
    expect(logLines(stdout, stderr)).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        eventId: nextMajor.eventId,
        outcome: 'failed',
        error: expect.objectContaining({
          name: 'UnsupportedChangeEventVersion',
          message: expect.stringContaining('schemaVersion 2 is not read by this consumer'),
        }),
      }),
    ]);
  });

  it('reports a body that is not JSON and one that is not a change event as failures, and applies the rest', async () => {
    const { calls, process } = scripted();
    const notJson = sqsRecord('{"eventType":');
    const notAnEvent = sqsRecord({ ...changeEvent(PRODUCT_A), productId: 'not-a-uuid' });
    const valid = sqsRecord(changeEvent(PRODUCT_A));

    const response = await sqsBatchHandler(process)(sqsEvent(notJson, notAnEvent, valid));

    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: notJson.messageId },
      { itemIdentifier: notAnEvent.messageId },
    ]);
    expect(calls).toEqual([eventIdOf(valid)]);
  });

  it('fails only the record whose processing throws when products differ', async () => {
    const failing = sqsRecord(changeEvent(PRODUCT_A));
    const others = [sqsRecord(changeEvent(PRODUCT_B)), sqsRecord(changeEvent(PRODUCT_C))];
    const { calls, process } = scripted({
      [eventIdOf(failing)]: () => Promise.reject(new Error('throttled')),
    });

    const response = await sqsBatchHandler(process)(sqsEvent(failing, ...others));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: failing.messageId }]);
    expect(calls).toHaveLength(3);
  });

  it('applies the records of one product one after another, never two at once', async () => {
    const records = [PRODUCT_A, PRODUCT_B, PRODUCT_A, PRODUCT_A].map((id) => sqsRecord(changeEvent(id)));
    let running = 0;
    const overlaps: string[] = [];
    const process: ProcessChangeEvent = async (event) => {
      if (event.productId === PRODUCT_A && running > 0) overlaps.push(event.eventId);
      if (event.productId === PRODUCT_A) running += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (event.productId === PRODUCT_A) running -= 1;
      return { outcome: 'applied' };
    };
    const { calls, process: recorder } = scripted();

    await sqsBatchHandler(async (event, delivery) => {
      await recorder(event, delivery);
      return process(event, delivery);
    })(sqsEvent(...records));

    expect(overlaps).toEqual([]);
    expect(calls.filter((id) => id !== eventIdOf(records[1] as SQSRecord))).toEqual(
      [records[0], records[2], records[3]].map((record) => eventIdOf(record as SQSRecord)),
    );
  });

  it('applies the records of one product in event order when the batch holds them out of order', async () => {
    const create = { ...changeEvent(PRODUCT_A), occurredAt: '2025-01-15T10:00:00Z' };
    const update = { ...changeEvent(PRODUCT_A), occurredAt: '2025-01-15T11:00:00+00:00' };
    const sameTimeHigherId = { ...changeEvent(PRODUCT_A), occurredAt: '2025-01-15T12:00:00+01:00' };
    const { calls, process } = scripted();

    await sqsBatchHandler(process)(
      sqsEvent(...[sameTimeHigherId, update, create].map((event) => sqsRecord(event))),
    );

    expect(calls).toEqual([create.eventId, update.eventId, sameTimeHigherId.eventId]);
  });

  it('fails the later records of a product unprocessed once one of its records fails, so they retry in order', async () => {
    const [first, failing, later] = [1, 2, 3].map(() => sqsRecord(changeEvent(PRODUCT_A))) as SQSRecord[];
    const otherProduct = sqsRecord(changeEvent(PRODUCT_B));
    const { calls, process } = scripted({
      [eventIdOf(failing as SQSRecord)]: () => Promise.reject(new Error('throttled')),
    });

    const response = await sqsBatchHandler(process)(
      sqsEvent(first as SQSRecord, failing as SQSRecord, otherProduct, later as SQSRecord),
    );

    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: failing?.messageId },
      { itemIdentifier: later?.messageId },
    ]);
    expect(calls).not.toContain(eventIdOf(later as SQSRecord));
    expect(logLines(stdout, stderr)).toContainEqual(
      expect.objectContaining({
        eventId: eventIdOf(later as SQSRecord),
        outcome: 'failed',
        reason: 'an earlier record of this product failed in this batch',
      }),
    );
  });

  it('reports a conflict as a failure, so it reaches the DLQ, without holding back the product’s later records', async () => {
    const [conflicting, later] = [1, 2].map(() => sqsRecord(changeEvent(PRODUCT_A))) as [
      SQSRecord,
      SQSRecord,
    ];
    const { calls, process } = scripted({
      [eventIdOf(conflicting)]: async () => ({ outcome: 'conflict' }),
    });

    const response = await sqsBatchHandler(process)(sqsEvent(conflicting, later));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: conflicting.messageId }]);
    expect(calls).toEqual([eventIdOf(conflicting), eventIdOf(later)]);
  });

  it.each(['duplicate', 'stale'] as const)('counts a %s record as done', async (outcome) => {
    const record = sqsRecord(changeEvent(PRODUCT_A));

    const response = await sqsBatchHandler(async () => ({ outcome }))(sqsEvent(record));

    expect(response.batchItemFailures).toEqual([]);
  });

  it('processes different products concurrently, never more at once than the bound', async () => {
    const records = Array.from({ length: 8 }, (_, index) =>
      sqsRecord(changeEvent(`${PRODUCT_A.slice(0, -2)}${String(index).padStart(2, '0')}`)),
    );
    let running = 0;
    let mostAtOnce = 0;
    const process: ProcessChangeEvent = async () => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return { outcome: 'applied' };
    };

    await sqsBatchHandler(process, { concurrency: 3 })(sqsEvent(...records));

    expect(mostAtOnce).toBe(3);
  });

  it('logs one line per record with its eventId, productId, eventType and outcome', async () => {
    const create = changeEvent(PRODUCT_A);
    const remove = changeEvent(PRODUCT_B, 'DELETE');
    const records = [sqsRecord(create), sqsRecord(remove, 2), sqsRecord('not json')];
    const { process } = scripted({
      [remove.eventId]: async () => ({ outcome: 'stale', detail: { version: 4 } }),
    });

    await sqsBatchHandler(process)(sqsEvent(...records));

    expect(logLines(stdout, stderr)).toEqual([
      expect.objectContaining({ level: 'ERROR', outcome: 'failed', messageId: records[2]?.messageId }),
      expect.objectContaining({
        level: 'INFO',
        eventId: create.eventId,
        productId: PRODUCT_A,
        eventType: 'CREATE',
        outcome: 'applied',
        receiveCount: 1,
      }),
      expect.objectContaining({
        level: 'INFO',
        eventId: remove.eventId,
        productId: PRODUCT_B,
        eventType: 'DELETE',
        outcome: 'stale',
        version: 4,
        receiveCount: 2,
      }),
    ]);
  });

  it('names the event in the failure line of a schema-invalid body when the body says which it is', async () => {
    const invalid = { ...changeEvent(PRODUCT_A), occurredAt: 'yesterday' };

    await sqsBatchHandler(applied)(sqsEvent(sqsRecord(invalid)));

    expect(logLines(stdout, stderr)).toEqual([
      expect.objectContaining({
        eventId: invalid.eventId,
        productId: PRODUCT_A,
        eventType: 'CREATE',
        outcome: 'failed',
        error: expect.objectContaining({ name: 'ValidationFailed' }),
      }),
    ]);
  });

  it('logs a change that is not applicable yet as a warning with its reason', async () => {
    const update = changeEvent(PRODUCT_A);
    const process = async () => {
      throw new NotYetApplicable('product does not exist yet');
    };

    const response = await sqsBatchHandler(process)(sqsEvent(sqsRecord(update)));

    expect(response.batchItemFailures).toHaveLength(1);
    expect(logLines(stdout, stderr)).toEqual([
      expect.objectContaining({ level: 'WARN', outcome: 'failed', reason: 'product does not exist yet' }),
    ]);
  });

  it('tags the log lines with the invocation’s request id when given the Lambda context', async () => {
    await sqsBatchHandler(applied)(sqsEvent(sqsRecord(changeEvent(PRODUCT_A))), { awsRequestId: 'req-42' });

    expect(logLines(stdout, stderr)).toEqual([expect.objectContaining({ requestId: 'req-42' })]);
  });

  it('answers an empty batch with no failures', async () => {
    await expect(sqsBatchHandler(applied)(sqsEvent())).resolves.toEqual({ batchItemFailures: [] });
  });
});
