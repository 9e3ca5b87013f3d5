import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger, withRequestContext } from '../logger';
import { recordChangeEventProcessed, recordColdStart, recordPropagation } from '../observability/metrics';
import { inSubsegment, upstreamTraceOf } from '../observability/tracer';
import type { ChangeEvent, ReceivedChangeEvent } from '../schemas/change-event';
import {
  changeRecordOf,
  deliveryOf,
  describeInvalidBody,
  occurredAtUtc,
  type Delivery,
} from './change-record';
import { NotYetApplicable } from './errors';

/**
 * What became of one record. `applied`, `duplicate` and `stale` are done with: the change is in the
 * store, or a newer one that supersedes it is. `conflict` can never apply (its expectedVersion has been
 * passed) and `failed` may apply later (retried); both are reported as batch item failures so that SQS
 * retries them and, after maxReceiveCount, moves them to the DLQ: every accepted change ends up
 * persisted, superseded or in a DLQ.
 */
export type RecordOutcome = 'applied' | 'duplicate' | 'stale' | 'conflict' | 'failed';
export type ChangeEventOutcome = Exclude<RecordOutcome, 'failed'>;

export interface ChangeEventResult {
  outcome: ChangeEventOutcome;
  /** Extra fields for the record's log line, such as the version written. */
  detail?: Record<string, string | number | boolean>;
}

/**
 * Handles one change event, given as this consumer knows it and as received (with the fields of a later
 * minor version it does not know; the batch handler always passes it, a direct caller may leave it out);
 * throws to fail the record (it is retried, then dead-lettered).
 */
export type ProcessChangeEvent = (
  changeEvent: ChangeEvent,
  delivery: Delivery,
  received?: ReceivedChangeEvent,
) => Promise<ChangeEventResult>;

export interface SqsBatchHandlerOptions {
  /** Products processed at once. Records of one product always run one after another, in event order. */
  concurrency?: number;
}

const defaults: Required<SqsBatchHandlerOptions> = { concurrency: 4 };

interface ProductRecord {
  record: SQSRecord;
  changeEvent: ChangeEvent;
  received: ReceivedChangeEvent;
  /** Event order: time, then eventId to break ties (the order product-creator applies changes in). */
  position: string;
}

type LogFields = Record<string, unknown>;

/** The record's log line and its ChangeEventsProcessed metric (PropagationLatency too once applied). */
const logOutcome = (outcome: RecordOutcome, fields: LogFields, changeEvent?: ChangeEvent): void => {
  recordChangeEventProcessed(changeEvent?.eventType ?? 'unknown', outcome);
  if (outcome === 'applied' && changeEvent) recordPropagation(changeEvent.occurredAt);
  const line = { ...fields, outcome };
  if (outcome === 'failed') logger.error('change event processed', line);
  else if (outcome === 'conflict') logger.warn('change event processed', line);
  else logger.info('change event processed', line);
};

// `apiRequestId` is the API request that accepted the change (the event's actor.requestId): the key that
// joins the API's log line, the consumers' and the audit object; `upstreamTraceId` is that request's X-Ray
// trace (the API function's `xray_trace_id`). `requestId` stays this invocation's.
const eventFields = (changeEvent: ChangeEvent, record: SQSRecord): LogFields => ({
  apiRequestId: changeEvent.actor.requestId,
  eventId: changeEvent.eventId,
  productId: changeEvent.productId,
  eventType: changeEvent.eventType,
  ...upstreamTraceOf(record),
  ...deliveryOf(record),
});

// One X-Ray subsegment per record, its SDK calls beneath it, annotated so that the consumer's trace is found
// from the API's trace id or request id (X-Ray links the traces; these annotations make them searchable).
const traceChange = <T>(changeEvent: ChangeEvent, record: SQSRecord, work: () => Promise<T>): Promise<T> =>
  inSubsegment(
    '## change event',
    {
      apiRequestId: changeEvent.actor.requestId,
      eventId: changeEvent.eventId,
      productId: changeEvent.productId,
      eventType: changeEvent.eventType,
      ...upstreamTraceOf(record),
    },
    work,
  );

const logFailure = (fields: LogFields, error: unknown, changeEvent: ChangeEvent): void => {
  // A change waiting for an earlier one is the normal face of reordering, not an error.
  if (error instanceof NotYetApplicable) {
    recordChangeEventProcessed(changeEvent.eventType, 'failed');
    logger.warn('change event processed', { ...fields, outcome: 'failed', reason: error.message });
  } else logOutcome('failed', { ...fields, error }, changeEvent);
};

/** Runs `run` over `items`, at most `limit` at a time. */
const forEachConcurrently = async <T>(items: T[], limit: number, run: (item: T) => Promise<void>) => {
  const pending = [...items];
  const worker = async () => {
    for (let item = pending.shift(); item !== undefined; item = pending.shift()) await run(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
};

/**
 * One product's records in event order. After a record fails, the later ones are failed unprocessed so
 * that they are retried with it and cannot overtake it. A conflict does not hold them back: it never applies,
 * so nothing later depends on it.
 */
const processProduct = async (
  records: ProductRecord[],
  processChangeEvent: ProcessChangeEvent,
  fail: (record: SQSRecord) => void,
): Promise<void> => {
  let held = false;
  for (const { record, changeEvent, received } of records) {
    const fields = eventFields(changeEvent, record);
    if (held) {
      recordChangeEventProcessed(changeEvent.eventType, 'failed');
      logger.warn('change event processed', {
        ...fields,
        outcome: 'failed',
        reason: 'an earlier record of this product failed in this batch',
      });
      fail(record);
      continue;
    }
    try {
      const { outcome, detail } = await traceChange(changeEvent, record, () =>
        processChangeEvent(changeEvent, deliveryOf(record), received),
      );
      logOutcome(outcome, { ...fields, ...detail }, changeEvent);
      if (outcome === 'conflict') fail(record);
    } catch (error) {
      logFailure(fields, error, changeEvent);
      fail(record);
      held = true;
    }
  }
};

// Code-point order, as DynamoDB compares strings (localeCompare would not).
const byPosition = (a: ProductRecord, b: ProductRecord): number =>
  Number(a.position > b.position) - Number(a.position < b.position);

/**
 * Groups valid records by product, each product's in event order (a standard queue may hand an UPDATE
 * over before its CREATE in the same batch); fails each invalid record on the spot.
 */
const groupByProduct = (records: SQSRecord[], fail: (record: SQSRecord) => void): ProductRecord[][] => {
  const byProduct = new Map<string, ProductRecord[]>();
  for (const record of records) {
    try {
      const { changeEvent, received } = changeRecordOf(record);
      const position = `${occurredAtUtc(changeEvent)} ${changeEvent.eventId}`;
      byProduct.set(changeEvent.productId, [
        ...(byProduct.get(changeEvent.productId) ?? []),
        { record, changeEvent, received, position },
      ]);
    } catch (error) {
      logOutcome('failed', { ...describeInvalidBody(record.body), ...deliveryOf(record), error });
      fail(record);
    }
  }
  return [...byProduct.values()].map((productRecords) => productRecords.sort(byPosition));
};

/**
 * An SQS Lambda handler (event source with ReportBatchItemFailures) that validates each record as a
 * change event and hands it to `processChangeEvent`, logging one line per record with its outcome and
 * reporting failures per record, so one bad record never holds back the others.
 */
export const sqsBatchHandler = (
  processChangeEvent: ProcessChangeEvent,
  options: SqsBatchHandlerOptions = {},
) => {
  const { concurrency } = { ...defaults, ...options };
  return async (event: SQSEvent, context?: Pick<Context, 'awsRequestId'>): Promise<SQSBatchResponse> => {
    recordColdStart();
    if (context) withRequestContext({ requestId: context.awsRequestId });
    const failed = new Set<SQSRecord>();
    const fail = (record: SQSRecord) => failed.add(record);
    const products = groupByProduct(event.Records, fail);
    await forEachConcurrently(products, concurrency, (product) =>
      processProduct(product, processChangeEvent, fail),
    );
    return {
      batchItemFailures: event.Records.filter((record) => failed.has(record)).map((record) => ({
        itemIdentifier: record.messageId,
      })),
    };
  };
};
