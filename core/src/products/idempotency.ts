import { createHash } from 'node:crypto';
import { IdempotencyKeyReused, IdempotentProductDeleted } from '../errors';
import { idempotencyRecordId, productIdFromIdempotencyKey } from '../events';
import { idempotencyRecords } from '../products-table/idempotency-records';
import { productReader } from '../products-table/product-reads';
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

/**
 * The productId a POST with an Idempotency-Key creates. The first request with a key claims it with a
 * conditional write of its body's fingerprint to the key's record in the products table; a repeat with
 * the same body gets the same productId (and its CREATE is published again, which the consumer applies
 * once); a repeat with another body is refused with 422 until the record expires; a repeat for a product
 * deleted since is refused with 409, never answered with a Location that stays 404.
 */
export const idempotentCreations = (tableName: string) => {
  const records = idempotencyRecords(tableName);
  const products = productReader(tableName);

  return async ({ apiKeyId, idempotencyKey, product, now = new Date() }: KeyedCreate): Promise<string> => {
    const fingerprint = requestFingerprint(product);
    const recordId = idempotencyRecordId(apiKeyId, idempotencyKey);
    const productId = productIdFromIdempotencyKey(apiKeyId, idempotencyKey, fingerprint);
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const [claimed, existing] = await Promise.all([
      records.claim({
        recordId,
        productId,
        fingerprint,
        now: nowSeconds,
        expiresAt: nowSeconds + IDEMPOTENCY_KEY_TTL_SECONDS,
      }),
      products.find(productId, { consistent: true }),
    ]);
    if (!claimed) {
      const record = await records.find(recordId);
      if (record?.fingerprint !== fingerprint) {
        const expiresAt = new Date((record?.expiresAt ?? nowSeconds) * 1000).toISOString();
        throw new IdempotencyKeyReused(expiresAt);
      }
    }
    if (existing !== undefined && existing.active !== true) throw new IdempotentProductDeleted(productId);
    return productId;
  };
};
