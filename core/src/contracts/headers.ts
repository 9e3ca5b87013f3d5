import { idempotencyKeySchema, IDEMPOTENCY_KEY_TTL_SECONDS } from '../schemas/product';
import type { HeaderDescription } from './contract';

const KEY_HOURS = IDEMPOTENCY_KEY_TTL_SECONDS / 3600;

/** Read by PUT and DELETE; parsed by core/src/http (`ifMatchVersions`). */
export const ifMatchHeader: HeaderDescription = {
  name: 'If-Match',
  description:
    '`*` or a comma-separated list of ETags from GET (RFC 9110 §13.1.1, strong comparison: weak `W/` ETags ' +
    'never match). The change is refused with 412, now or when applied, unless the product is at one of them',
  schema: { type: 'string', examples: ['"3"', '"3", "4"'] },
};

/** Read by GET of one product; parsed by core/src/http (`ifNoneMatch`). */
export const ifNoneMatchHeader: HeaderDescription = {
  name: 'If-None-Match',
  description:
    '`*` or a comma-separated list of ETags (weak comparison, RFC 9110 §13.1.2): 304 when one is the current version',
  schema: { type: 'string', examples: ['"3"'] },
};

/** Read by POST: a retry with the same key and body creates no second product. */
export const idempotencyKeyHeader: HeaderDescription = {
  name: 'Idempotency-Key',
  description:
    'Makes retries safe. From the same API key, the same key with the same body (fields in any order, ' +
    'price to the cent) answers what the first request answered and never creates a second product; ' +
    'with another body it is refused with 422, and after the product was deleted with 409. A key ' +
    `holds its first body for ${KEY_HOURS} hours from its first use; after that it may name another product.`,
  schema: idempotencyKeySchema,
};

export const locationHeader: HeaderDescription = {
  name: 'Location',
  description: 'Where the product is or will be, with the stage prefix: `/{stage}/v1.0/products/{productId}`',
  schema: { type: 'string' },
};

export const etagHeader: HeaderDescription = {
  name: 'ETag',
  description: 'The product version, for If-Match and If-None-Match',
  schema: { type: 'string' },
};
