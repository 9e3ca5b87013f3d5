import fc from 'fast-check';
import createEvent from '../../events/change-event-create.json';
import { ValidationFailed } from '../../src/errors';
import { idempotencyRecordId, newChangeEvent, productIdFromIdempotencyKey, uuidV5 } from '../../src/events';
import { isProductId } from '../../src/schemas/product';

const { productId, actor, product } = createEvent;
const now = new Date('2025-01-15T10:30:00.000Z');

describe('newChangeEvent', () => {
  it('builds a CREATE event stamped with its id, time and schema version', () => {
    const event = newChangeEvent({
      eventType: 'CREATE',
      productId,
      product,
      actor,
      now,
      eventId: createEvent.eventId,
    });

    expect(event).toEqual({ ...createEvent, occurredAt: '2025-01-15T10:30:00.000Z' });
  });

  it('gives each event a fresh random UUID and the current time by default', () => {
    const before = Date.now();

    const first = newChangeEvent({ eventType: 'DELETE', productId, actor });
    const second = newChangeEvent({ eventType: 'DELETE', productId, actor });

    expect(first.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.eventId).not.toBe(second.eventId);
    expect(Date.parse(first.occurredAt)).toBeGreaterThanOrEqual(before);
  });

  it('leaves optional parts out of the event rather than setting them undefined', () => {
    const event = newChangeEvent({ eventType: 'DELETE', productId, actor, expectedVersion: undefined, now });

    expect(Object.keys(event)).not.toContain('expectedVersion');
  });

  it('carries the expected version of an UPDATE', () => {
    const event = newChangeEvent({ eventType: 'UPDATE', productId, product, actor, expectedVersion: 4, now });

    expect(event).toMatchObject({ eventType: 'UPDATE', expectedVersion: 4 });
  });

  it('refuses to build an event with an invalid product', () => {
    const act = () =>
      newChangeEvent({
        eventType: 'UPDATE',
        productId,
        product: { ...product, currency: 'euro' },
        actor,
        now,
      });

    expect(act).toThrow(ValidationFailed);
  });

  it('refuses to build an event for a malformed product id', () => {
    expect(() => newChangeEvent({ eventType: 'DELETE', productId: 'PRODUCT#1', actor, now })).toThrow(
      ValidationFailed,
    );
  });
});

describe('productIdFromIdempotencyKey', () => {
  it('derives the same product id from the same key, API key and body fingerprint', () => {
    expect(productIdFromIdempotencyKey('key-a', 'order-42', 'fp-1')).toBe(
      productIdFromIdempotencyKey('key-a', 'order-42', 'fp-1'),
    );
  });

  it.each([
    ['another API key', ['key-b', 'order-42', 'fp-1']],
    ['another key', ['key-a', 'order-43', 'fp-1']],
    ['another body', ['key-a', 'order-42', 'fp-2']],
  ] as const)('derives another product id for %s', (_, [apiKeyId, key, fingerprint]) => {
    expect(productIdFromIdempotencyKey(apiKeyId, key, fingerprint)).not.toBe(
      productIdFromIdempotencyKey('key-a', 'order-42', 'fp-1'),
    );
  });

  it('does not confuse keys that concatenate to the same text', () => {
    expect(productIdFromIdempotencyKey('ab', 'c', 'f')).not.toBe(productIdFromIdempotencyKey('a', 'bc', 'f'));
    expect(idempotencyRecordId('ab', 'c')).not.toBe(idempotencyRecordId('a', 'bc'));
  });

  it('always derives a valid version 5 product id', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.stringMatching(/^[\x21-\x7e]{1,128}$/), (apiKeyId, key) => {
        const derived = productIdFromIdempotencyKey(apiKeyId, key, 'fingerprint');
        return isProductId(derived) && derived[14] === '5';
      }),
    );
  });

  it.each([
    ['an empty key', ''],
    ['a key with a space', 'with space'],
    ['a non-ASCII key', 'ключ'],
    ['a key of 129 characters', 'k'.repeat(129)],
  ])('rejects %s', (_, key) => {
    expect(() => productIdFromIdempotencyKey('key-a', key, 'fp')).toThrow(ValidationFailed);
    expect(() => idempotencyRecordId('key-a', key)).toThrow(ValidationFailed);
  });
});

describe('uuidV5', () => {
  it('matches the RFC 9562 example for www.example.com in the DNS namespace', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});
