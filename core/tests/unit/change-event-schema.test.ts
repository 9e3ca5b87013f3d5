import createEvent from '../../events/change-event-create.json';
import deleteEvent from '../../events/change-event-delete.json';
import { ValidationFailed } from '../../src/errors';
import { validateAuditRecord, validateChangeEvent } from '../../src/validation';

const detailsOf = (act: () => unknown) => {
  try {
    act();
  } catch (error) {
    if (error instanceof ValidationFailed) return error.details;
  }
  throw new Error('expected ValidationFailed');
};

describe('changeEventSchema', () => {
  it('accepts a CREATE event that carries the product', () => {
    expect(validateChangeEvent(createEvent)).toEqual(createEvent);
  });

  it('accepts a DELETE event without a product', () => {
    expect(validateChangeEvent(deleteEvent)).toEqual(deleteEvent);
  });

  it('accepts an UPDATE event with an expected version', () => {
    const update = { ...createEvent, eventType: 'UPDATE', expectedVersion: 3 };

    expect(validateChangeEvent(update)).toEqual(update);
  });

  it('rejects an UPDATE event without a product', () => {
    const update = { ...createEvent, eventType: 'UPDATE', product: undefined };

    expect(detailsOf(() => validateChangeEvent(update))).toContainEqual({
      field: 'product',
      message: "must have required property 'product'",
    });
  });

  it('rejects a DELETE event that carries a product', () => {
    const deleteWithProduct = { ...deleteEvent, product: createEvent.product };

    expect(detailsOf(() => validateChangeEvent(deleteWithProduct))).toContainEqual({
      field: 'product',
      message: 'boolean schema is false',
    });
  });

  it('rejects a CREATE event with an expected version', () => {
    expect(() => validateChangeEvent({ ...createEvent, expectedVersion: 1 })).toThrow(ValidationFailed);
  });

  it('rejects an event of an unknown schema version', () => {
    expect(detailsOf(() => validateChangeEvent({ ...createEvent, schemaVersion: 2 }))).toContainEqual({
      field: 'schemaVersion',
      message: 'must be equal to constant',
    });
  });

  it('rejects an unknown event type', () => {
    expect(() => validateChangeEvent({ ...createEvent, eventType: 'PATCH' })).toThrow(ValidationFailed);
  });

  it('rejects an invalid product inside the event with the nested field named', () => {
    const event = { ...createEvent, product: { ...createEvent.product, price: -1 } };

    expect(detailsOf(() => validateChangeEvent(event))).toContainEqual({
      field: 'product.price',
      message: 'must be >= 0',
    });
  });

  it('rejects an actor without a request id', () => {
    const event = { ...createEvent, actor: { apiKeyId: 'a1', sourceIp: '203.0.113.10' } };

    expect(detailsOf(() => validateChangeEvent(event))).toContainEqual({
      field: 'actor.requestId',
      message: "must have required property 'requestId'",
    });
  });

  it('rejects an event id that is not a UUID', () => {
    expect(() => validateChangeEvent({ ...createEvent, eventId: 'evt-1' })).toThrow(
      'The change event is not valid',
    );
  });
});

describe('changeEventSchema, what this version writes', () => {
  it('refuses a field it does not define, in the event and in its product', () => {
    expect(() => validateChangeEvent({ ...createEvent, traceId: 'trace-1' })).toThrow(ValidationFailed);
    expect(() =>
      validateChangeEvent({ ...createEvent, product: { ...createEvent.product, stock: 1 } }),
    ).toThrow(ValidationFailed);
  });
});

describe('auditRecordSchema', () => {
  const delivery = { messageId: 'm-1', receiveCount: 1, receivedAt: '2025-01-15T10:30:01.000Z' };

  it('accepts an event with its delivery', () => {
    const record = { event: deleteEvent, delivery };

    expect(validateAuditRecord(record)).toEqual(record);
  });

  it('accepts an event of a later minor version with the fields this version does not know', () => {
    const record = { event: { ...deleteEvent, schemaMinorVersion: 2, traceId: 'trace-1' }, delivery };

    expect(validateAuditRecord(record)).toEqual(record);
  });

  it('rejects a receive count of zero', () => {
    const record = { event: deleteEvent, delivery: { ...delivery, receiveCount: 0 } };

    expect(detailsOf(() => validateAuditRecord(record))).toEqual([
      { field: 'delivery.receiveCount', message: 'must be >= 1' },
    ]);
  });

  it('rejects a record whose event is not a valid change event', () => {
    const record = { event: { ...deleteEvent, eventType: 'CREATE' }, delivery };

    expect(() => validateAuditRecord(record)).toThrow('The audit record is not valid');
  });
});
