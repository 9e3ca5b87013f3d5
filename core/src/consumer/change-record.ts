import type { SQSRecord } from 'aws-lambda';
import { ValidationFailed } from '../errors';
import type { ChangeEvent } from '../schemas/change-event';
import { validateChangeEvent } from '../validation';

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

/** The change event a record carries (raw SNS delivery: the body is the event); throws ValidationFailed. */
export const changeEventOf = (record: SQSRecord): ChangeEvent => validateChangeEvent(parseBody(record.body));

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
