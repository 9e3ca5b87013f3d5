import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  NotYetApplicable,
  occurredAtUtc,
  productWrites,
  type ChangeEvent,
  type ChangeEventResult,
  type ChangeTracking,
  type ProcessChangeEvent,
  type ProductWrites,
} from '@bbws/core';

/**
 * How each change event ends (the outcomes of the consumer loop in core):
 * - applied: written by one conditional write.
 * - duplicate: this very event was the last one applied (a redelivery), or a CREATE for a product that
 *   exists (a redelivery or an Idempotency-Key replay). No-op.
 * - stale: a newer event of the product has been applied; last writer wins, so this one is superseded
 *   (a redelivery of an older event lands here too). No-op.
 * - conflict: expectedVersion is below the product's version. Versions only grow, so it can never apply;
 *   it is reported failed so that it reaches the DLQ unless a newer change supersedes it first.
 * - failed (thrown): the product does not exist yet, or its version is still below expectedVersion.
 *   A reordered earlier change may yet arrive, so the record is retried, and dead-lettered if it never
 *   applies. Any other error (throttling, network) is retried the same way.
 */

export type CreateEvent = Extract<ChangeEvent, { eventType: 'CREATE' }>;
export type UpdateEvent = Extract<ChangeEvent, { eventType: 'UPDATE' }>;
export type DeleteEvent = Extract<ChangeEvent, { eventType: 'DELETE' }>;

export interface ProductsTable {
  tableName: string;
  client: DynamoDBDocumentClient;
}

const isNewer = (changeEvent: ChangeEvent, { lastEventAt, lastEventId = '' }: ChangeTracking): boolean => {
  if (lastEventAt === undefined) return true;
  const at = occurredAtUtc(changeEvent);
  return at > lastEventAt || (at === lastEventAt && changeEvent.eventId > lastEventId);
};

/**
 * Why the conditional write of an UPDATE or DELETE did not apply, from the item as it is now; undefined
 * when the item now admits the change (a concurrent invocation changed it in between).
 */
export const classifyRejection = (
  changeEvent: UpdateEvent | DeleteEvent,
  item: ChangeTracking | undefined,
): ChangeEventResult | undefined => {
  if (item === undefined) throw new NotYetApplicable(`product ${changeEvent.productId} does not exist yet`);
  if (item.lastEventId === changeEvent.eventId)
    return { outcome: 'duplicate', detail: { version: item.version } };
  if (!isNewer(changeEvent, item))
    return { outcome: 'stale', detail: { version: item.version, lastEventAt: item.lastEventAt ?? '' } };
  const { expectedVersion } = changeEvent;
  if (expectedVersion !== undefined && item.version > expectedVersion) {
    return { outcome: 'conflict', detail: { version: item.version, expectedVersion } };
  }
  if (expectedVersion !== undefined && item.version < expectedVersion) {
    throw new NotYetApplicable(
      `product ${changeEvent.productId} is at version ${item.version}, the change expects ${expectedVersion}`,
    );
  }
  // The item moved on between the write and the read (another invocation wrote it): write again.
  return undefined;
};

const stampOf = (changeEvent: ChangeEvent) => ({
  eventId: changeEvent.eventId,
  at: occurredAtUtc(changeEvent),
});

const create = async (writes: ProductWrites, changeEvent: CreateEvent): Promise<ChangeEventResult> =>
  (await writes.create(changeEvent.productId, changeEvent.product, stampOf(changeEvent)))
    ? { outcome: 'applied', detail: { version: 1 } }
    : { outcome: 'duplicate' };

const write = (writes: ProductWrites, changeEvent: UpdateEvent | DeleteEvent) =>
  changeEvent.eventType === 'UPDATE'
    ? writes.replace(
        changeEvent.productId,
        changeEvent.product,
        stampOf(changeEvent),
        changeEvent.expectedVersion,
      )
    : writes.softDelete(changeEvent.productId, stampOf(changeEvent), changeEvent.expectedVersion);

// Records of one product run in order within a batch, but two invocations may hold records of the same
// product (e.g. a CREATE and its UPDATE). Losing such a race is retried at once rather than after the
// queue's visibility timeout.
const WRITE_ATTEMPTS = 3;

const change = async (
  writes: ProductWrites,
  changeEvent: UpdateEvent | DeleteEvent,
): Promise<ChangeEventResult> => {
  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt += 1) {
    const written = await write(writes, changeEvent);
    if (written.applied) return { outcome: 'applied', detail: { version: written.version, attempt } };
    const rejection = classifyRejection(changeEvent, await writes.tracking(changeEvent.productId));
    if (rejection) return rejection;
  }
  throw new NotYetApplicable(
    `product ${changeEvent.productId} kept changing while event ${changeEvent.eventId} was applied`,
  );
};

/** Applies change events to the products table, one conditional write each. */
export const productChangeApplier = ({ tableName, client }: ProductsTable): ProcessChangeEvent => {
  const writes = productWrites(tableName, client);
  return async (changeEvent) =>
    changeEvent.eventType === 'CREATE' ? create(writes, changeEvent) : change(writes, changeEvent);
};
