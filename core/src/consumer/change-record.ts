import type { SQSRecord } from 'aws-lambda';
import { ValidationFailed } from '../errors';
import {
  actorSchema,
  CHANGE_EVENT_SCHEMA_VERSION,
  changeEventSchema,
  type ChangeEvent,
  type ReceivedChangeEvent,
} from '../schemas/change-event';
import { productInputSchema } from '../schemas/product';
import * as generated from '../validators/generated/plain';
import { validatorFor } from '../validation';
import { UnsupportedChangeEventVersion } from './errors';

/** How SQS handed a record over: what the audit trail keeps and every log line names. */
export interface Delivery {
  messageId: string;
  /** ApproximateReceiveCount: 1 on the first delivery, maxReceiveCount on the last before the DLQ. */
  receiveCount: number;
}

export const deliveryOf = (record: SQSRecord): Delivery => ({
  messageId: record.messageId,
  receiveCount: Number(record.attributes.ApproximateReceiveCount) || 1,
});

const parseBody = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    throw new ValidationFailed(
      [{ field: '(root)', message: 'is not JSON' }],
      'The change event is not valid',
    );
  }
};

const validateReceivedChangeEvent = /* @__PURE__ */ validatorFor<ReceivedChangeEvent>(
  generated.receivedChangeEvent,
  'The change event is not valid',
);

const knownFields = <T>(value: object, schema: { properties: object }): T =>
  Object.fromEntries(Object.entries(value).filter(([field]) => Object.hasOwn(schema.properties, field))) as T;

/** What a consumer of this version acts on: the fields it knows, in the event, its product and its actor. */
const knownChangeEvent = (received: ReceivedChangeEvent): ChangeEvent => {
  const known: Record<string, unknown> = knownFields(received, changeEventSchema);
  known.actor = knownFields(received.actor, actorSchema);
  if (received.product) known.product = knownFields(received.product, productInputSchema);
  // Valid against the received schema, whose known fields are the change event schema's: a ChangeEvent.
  return known as ChangeEvent;
};

/** A change event this consumer reads: as received (unknown fields kept), and as it acts on it. */
export interface ChangeRecord {
  changeEvent: ChangeEvent;
  received: ReceivedChangeEvent;
}

const refuseOtherMajorVersions = (body: unknown): void => {
  if (typeof body !== 'object' || body === null || !('schemaVersion' in body)) return;
  const { schemaVersion } = body;
  if (schemaVersion !== CHANGE_EVENT_SCHEMA_VERSION) throw new UnsupportedChangeEventVersion(schemaVersion);
};

/**
 * The change event a record carries (raw SNS delivery: the body is the event), read by the contract rule
 * of docs/change-events.md: any minor version of major 1 is read, its unknown fields ignored; another major
 * throws UnsupportedChangeEventVersion, anything else invalid throws ValidationFailed.
 */
export const changeRecordOf = (record: SQSRecord): ChangeRecord => {
  const body = parseBody(record.body);
  refuseOtherMajorVersions(body);
  const received = validateReceivedChangeEvent(body);
  return { changeEvent: knownChangeEvent(received), received };
};

/** The change event a record carries, as this consumer acts on it (see changeRecordOf). */
export const changeEventOf = (record: SQSRecord): ChangeEvent => changeRecordOf(record).changeEvent;

/**
 * What can be read of the event from a body that failed validation, so that the failure's log line
 * still names it when the body is JSON.
 */
export const describeInvalidBody = (body: string): Record<string, string> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  return Object.fromEntries(
    Object.entries(parsed).filter(
      ([name, value]) => ['eventId', 'productId', 'eventType'].includes(name) && typeof value === 'string',
    ),
  );
};

/**
 * `occurredAt` as UTC ISO 8601 with milliseconds (`2025-01-15T10:30:00.000Z`). The schema admits any
 * RFC 3339 offset; this one fixed form makes the string order the time order, in DynamoDB conditions
 * and in S3 keys alike.
 */
export const occurredAtUtc = (changeEvent: Pick<ChangeEvent, 'occurredAt'>): string =>
  new Date(changeEvent.occurredAt).toISOString();
