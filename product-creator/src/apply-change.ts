import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  NotYetApplicable,
  occurredAtUtc,
  productKey,
  type ChangeEvent,
  type ChangeEventResult,
  type ProcessChangeEvent,
} from '@bbws/core';
import {
  changeWrite,
  createWrite,
  type CreateEvent,
  type DeleteEvent,
  type UpdateEvent,
} from './change-writes';

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

interface TrackedItem {
  version: number;
  lastEventId?: string;
  lastEventAt?: string;
}

export interface ProductsTable {
  tableName: string;
  client: DynamoDBDocumentClient;
}

const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

const isNewer = (changeEvent: ChangeEvent, { lastEventAt, lastEventId = '' }: TrackedItem): boolean => {
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
  item: TrackedItem | undefined,
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

const create = async (
  { tableName, client }: ProductsTable,
  changeEvent: CreateEvent,
): Promise<ChangeEventResult> => {
  try {
    await client.send(new PutCommand(createWrite(tableName, changeEvent)));
    return { outcome: 'applied', detail: { version: 1 } };
  } catch (error) {
    if (isConditionFailure(error)) return { outcome: 'duplicate' };
    throw error;
  }
};

// Records of one product run in order within a batch, but two invocations may hold records of the same
// product (e.g. a CREATE and its UPDATE). Losing such a race is retried at once rather than after the
// queue's visibility timeout.
const WRITE_ATTEMPTS = 3;

const readTracking = async ({ tableName, client }: ProductsTable, productId: string) =>
  (
    await client.send(
      new GetCommand({
        TableName: tableName,
        Key: productKey(productId),
        ConsistentRead: true,
        ProjectionExpression: '#version, lastEventId, lastEventAt',
        ExpressionAttributeNames: { '#version': 'version' },
      }),
    )
  ).Item as TrackedItem | undefined;

const change = async (
  table: ProductsTable,
  changeEvent: UpdateEvent | DeleteEvent,
): Promise<ChangeEventResult> => {
  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt += 1) {
    try {
      const { Attributes } = await table.client.send(
        new UpdateCommand(changeWrite(table.tableName, changeEvent)),
      );
      return { outcome: 'applied', detail: { version: Number(Attributes?.version), attempt } };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const rejection = classifyRejection(changeEvent, await readTracking(table, changeEvent.productId));
      if (rejection) return rejection;
    }
  }
  throw new NotYetApplicable(
    `product ${changeEvent.productId} kept changing while event ${changeEvent.eventId} was applied`,
  );
};

/** Applies change events to the products table, one conditional write each. */
export const productChangeApplier =
  (table: ProductsTable): ProcessChangeEvent =>
  async (changeEvent) =>
    changeEvent.eventType === 'CREATE' ? create(table, changeEvent) : change(table, changeEvent);
