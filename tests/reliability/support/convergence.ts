import { indexAttributes, productInputSchema, type ChangeEvent } from '@bbws/core';
import { applySerially, type ModelProduct } from '../../../product-creator/tests/support/serial-model';
import type { RecordOutcomeLine } from './system';

// What the chaos and load suites compare the table with. The reference is product-creator's own test
// model (serial-model.ts): a product's changes applied one by one in accepted order (occurredAt, then
// eventId), by rules written out plainly there.

const SETTLED = new Set(['applied', 'duplicate', 'stale']);
const PRODUCT_FIELDS = Object.keys(productInputSchema.properties);

/** Every outcome product-creator logged for each event, in order. */
export const outcomesByEvent = (lines: RecordOutcomeLine[], service = 'product-creator') => {
  const byEvent = new Map<string, string[]>();
  for (const line of lines) {
    if (line.service !== service || !line.eventId) continue;
    byEvent.set(line.eventId, [...(byEvent.get(line.eventId) ?? []), line.outcome]);
  }
  return byEvent;
};

/** An event is settled once some delivery of it was applied, found a duplicate, or found superseded. */
export const isSettled = (outcomes: Map<string, string[]>, eventId: string): boolean =>
  (outcomes.get(eventId) ?? []).some((outcome) => SETTLED.has(outcome));

export const appliedCount = (outcomes: Map<string, string[]>, eventId: string): number =>
  (outcomes.get(eventId) ?? []).filter((outcome) => outcome === 'applied').length;

type Observable = Record<string, unknown>;

const withoutUndefined = (record: Observable): Observable =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

/**
 * What the comparison covers: `active`, the timestamps, the last event applied, the index keys (present
 * exactly when active, derived from name and price) and, for an active product, its fields. A deleted
 * product's fields are not observable through the API and depend on which older updates arrived before
 * the delete (later ones are stale), so they are left out, as in product-creator's property test. The
 * version is compared apart: a change skipped as stale is not counted in it.
 */
const productFields = (active: unknown, fields: Observable) =>
  active === true ? Object.fromEntries(PRODUCT_FIELDS.map((field) => [field, fields[field]])) : {};

export const observableOfItem = (item: Record<string, unknown>): Observable =>
  withoutUndefined({
    ...productFields(item.active, item),
    active: item.active,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    deletedAt: item.deletedAt,
    lastEventId: item.lastEventId,
    indexKeys: Object.fromEntries(Object.entries(item).filter(([name]) => name.startsWith('GSI'))),
  });

export const observableOfModel = (productId: string, model: ModelProduct): Observable =>
  withoutUndefined({
    ...productFields(model.active, model.product as Observable),
    active: model.active,
    createdAt: model.createdAt,
    updatedAt: model.updatedAt,
    deletedAt: model.deletedAt,
    lastEventId: model.lastEventId,
    indexKeys: model.active
      ? indexAttributes({ productId, name: model.product.name, price: model.product.price, active: true }).set
      : {},
  });

/**
 * Each product's settled changes applied serially, in accepted order: what the table must hold. A settled
 * change has passed its version condition where the consumer checked it (one that fails it is never
 * settled: it is dead-lettered), so the condition is not checked again here. Checking it against the
 * serial version would be wrong for a product with conditional and unconditional changes: a change skipped
 * as stale is not counted in the stored version, and an If-Match is read from the stored version.
 */
export const serialModel = (events: ChangeEvent[], outcomes: Map<string, string[]>) => {
  const byProduct = new Map<string, ChangeEvent[]>();
  for (const event of events.filter((candidate) => isSettled(outcomes, candidate.eventId))) {
    const unconditional = { ...event, expectedVersion: undefined } as ChangeEvent;
    byProduct.set(event.productId, [...(byProduct.get(event.productId) ?? []), unconditional]);
  }
  return new Map(
    [...byProduct].map(([productId, productEvents]) => [productId, applySerially(productEvents)]),
  );
};
