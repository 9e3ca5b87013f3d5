import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../clients/dynamodb';
import { DependencyUnavailable, IdempotencyKeyReused, IdempotentProductDeleted } from '../errors';
import { idempotencyRecordId, productIdFromIdempotencyKey } from '../events';
import { idempotencyRecordKey, productKey } from '../keys';
import { IDEMPOTENCY_KEY_TTL_SECONDS, type ProductInput } from '../schemas/product';

/**
 * SHA-256 of the body as the API understood it: fields in a fixed order and the price in whole cents,
 * so the same product sent with its fields reordered, or with float noise, is the same request.
 */
export const requestFingerprint = (product: ProductInput): string =>
  createHash('sha256')
    .update(JSON.stringify(Object.entries(product).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))
    .digest('base64url');

export interface KeyedCreate {
  apiKeyId: string;
  idempotencyKey: string;
  /** The body after validation, price in whole cents. */
  product: ProductInput;
  now?: Date;
}

interface IdempotencyRecord {
  fingerprint?: string;
  expiresAt?: number;
}

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof Error && error.name === 'ConditionalCheckFailedException');

/**
 * The productId a POST with an Idempotency-Key creates. The first request with a key claims it with a
 * conditional write of its body's fingerprint to the key's record in the products table; a repeat with
 * the same body gets the same productId (and its CREATE is published again, which the consumer applies
 * once); a repeat with another body is refused with 422 until the record expires; a repeat for a product
 * deleted since is refused with 409, never answered with a Location that stays 404.
 */
export const idempotentCreations = (tableName: string) => {
  const unavailable = (error: unknown) => {
    throw new DependencyUnavailable('products table', { cause: error });
  };

  const claim = async (recordId: string, productId: string, fingerprint: string, nowSeconds: number) => {
    try {
      await documentClient().send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...idempotencyRecordKey(recordId),
            productId,
            fingerprint,
            createdAt: new Date(nowSeconds * 1000).toISOString(),
            // DynamoDB's TTL deletes the record some time after this; the condition does not wait for it.
            expiresAt: nowSeconds + IDEMPOTENCY_KEY_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      return unavailable(error);
    }
  };

  const read = async (key: Record<string, string>) => {
    try {
      const { Item } = await documentClient().send(
        new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
      );
      return Item;
    } catch (error) {
      return unavailable(error);
    }
  };

  return async ({ apiKeyId, idempotencyKey, product, now = new Date() }: KeyedCreate): Promise<string> => {
    const fingerprint = requestFingerprint(product);
    const recordId = idempotencyRecordId(apiKeyId, idempotencyKey);
    const productId = productIdFromIdempotencyKey(apiKeyId, idempotencyKey, fingerprint);
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const [claimed, existing] = await Promise.all([
      claim(recordId, productId, fingerprint, nowSeconds),
      read(productKey(productId)),
    ]);
    if (!claimed) {
      const record = (await read(idempotencyRecordKey(recordId))) as IdempotencyRecord | undefined;
      if (record?.fingerprint !== fingerprint) {
        const expiresAt = new Date((record?.expiresAt ?? nowSeconds) * 1000).toISOString();
        throw new IdempotencyKeyReused(expiresAt);
      }
    }
    if (existing !== undefined && existing.active !== true) throw new IdempotentProductDeleted(productId);
    return productId;
  };
};
