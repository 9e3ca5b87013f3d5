import type { SQSRecord } from 'aws-lambda';
import createEvent from '../../events/change-event-create.json';
import { changeEventOf, deliveryOf, occurredAtUtc } from '../../src/consumer';
import { ValidationFailed } from '../../src/errors';

const recordWith = (body: string, attributes: Partial<SQSRecord['attributes']> = {}): SQSRecord =>
  ({ messageId: 'message-1', body, attributes }) as SQSRecord;

describe('changeEventOf', () => {
  it('returns the change event a raw SNS delivery carries as its body', () => {
    expect(changeEventOf(recordWith(JSON.stringify(createEvent)))).toEqual(createEvent);
  });

  it('throws ValidationFailed for a body that is not JSON', () => {
    expect(() => changeEventOf(recordWith('{'))).toThrow(ValidationFailed);
  });

  it('throws ValidationFailed naming the field for a body that is not a change event', () => {
    const record = recordWith(JSON.stringify({ ...createEvent, occurredAt: 'yesterday' }));

    expect(() => changeEventOf(record)).toThrow(
      expect.objectContaining({ details: [expect.objectContaining({ field: 'occurredAt' })] }),
    );
  });
});

describe('deliveryOf', () => {
  it('reads the message id and the receive count', () => {
    expect(deliveryOf(recordWith('{}', { ApproximateReceiveCount: '4' }))).toEqual({
      messageId: 'message-1',
      receiveCount: 4,
    });
  });

  it('counts a record without a receive count as a first delivery', () => {
    expect(deliveryOf(recordWith('{}')).receiveCount).toBe(1);
  });
});

describe('occurredAtUtc', () => {
  it('writes any RFC 3339 offset as UTC with milliseconds, so string order is time order', () => {
    expect(occurredAtUtc({ occurredAt: '2025-01-15T12:30:00+02:00' })).toBe('2025-01-15T10:30:00.000Z');
    expect(occurredAtUtc({ occurredAt: '2025-01-15T10:30:00.5Z' })).toBe('2025-01-15T10:30:00.500Z');
  });
});
