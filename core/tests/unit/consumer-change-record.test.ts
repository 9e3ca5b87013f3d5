import type { SQSRecord } from 'aws-lambda';
import createEvent from '../../events/change-event-create.json';
import {
  changeEventOf,
  changeRecordOf,
  deliveryOf,
  occurredAtUtc,
  UnsupportedChangeEventVersion,
} from '../../src/consumer';
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

describe('changeRecordOf, by the contract rule of docs/change-events.md', () => {
  const nextMinor = {
    ...createEvent,
    schemaMinorVersion: 1,
    traceId: '1-67891233-abcdef012345678912345678',
    product: { ...createEvent.product, stock: 12, tags: ['blue'] },
    actor: { ...createEvent.actor, userAgent: 'curl/8.5.0' },
  };

  it('reads an event of a later minor version: the fields it knows to act on, and every field as received', () => {
    const { changeEvent, received } = changeRecordOf(recordWith(JSON.stringify(nextMinor)));

    expect(changeEvent).toEqual({ ...createEvent, schemaMinorVersion: 1 });
    expect(received).toEqual(nextMinor);
  });

  it('reads an event of version 1.0 as it is', () => {
    expect(changeRecordOf(recordWith(JSON.stringify(createEvent)))).toEqual({
      changeEvent: createEvent,
      received: createEvent,
    });
  });

  it('still holds the fields it knows to their rules in a later minor version', () => {
    const record = recordWith(JSON.stringify({ ...nextMinor, product: { ...nextMinor.product, price: -1 } }));

    expect(() => changeRecordOf(record)).toThrow(
      expect.objectContaining({ details: [expect.objectContaining({ field: 'product.price' })] }),
    );
  });

  it.each([2, '2.0', 0])(
    'refuses schemaVersion %p, another major version, by its own error',
    (schemaVersion) => {
      const record = recordWith(JSON.stringify({ ...createEvent, schemaVersion }));

      expect(() => changeRecordOf(record)).toThrow(UnsupportedChangeEventVersion);
      expect(() => changeRecordOf(record)).toThrow(
        `schemaVersion ${JSON.stringify(schemaVersion)} is not read`,
      );
    },
  );

  it('throws ValidationFailed for an event without a schemaVersion', () => {
    const unversioned: Record<string, unknown> = { ...createEvent };
    delete unversioned.schemaVersion;

    expect(() => changeRecordOf(recordWith(JSON.stringify(unversioned)))).toThrow(ValidationFailed);
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
