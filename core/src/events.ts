import { createHash, randomUUID } from 'node:crypto';
import { ValidationFailed } from './errors';
import { CHANGE_EVENT_SCHEMA_VERSION, type ChangeEvent } from './schemas/change-event';
import { idempotencyKeySchema } from './schemas/product';
import { validateChangeEvent } from './validation';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type NewChangeEvent = DistributiveOmit<ChangeEvent, 'schemaVersion' | 'eventId' | 'occurredAt'> & {
  now?: Date;
  eventId?: string;
};

/** A schema-valid change event; throws ValidationFailed if the parts do not make one. */
export const newChangeEvent = ({
  now = new Date(),
  eventId = randomUUID(),
  ...parts
}: NewChangeEvent): ChangeEvent =>
  validateChangeEvent({
    schemaVersion: CHANGE_EVENT_SCHEMA_VERSION,
    eventId,
    occurredAt: now.toISOString(),
    ...Object.fromEntries(Object.entries(parts).filter(([, value]) => value !== undefined)),
  });

/** RFC 9562 version 5 UUID: SHA-1 of namespace and name, with the version and variant bits set. */
export const uuidV5 = (name: string, namespace: string): string => {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

// Fixed for ever: changing it would give every idempotency key a new productId.
const PRODUCT_ID_NAMESPACE = '3f1c9a52-6d0e-4b7a-9c85-1e2f4a6b8d07';

const idempotencyKeyPattern = new RegExp(idempotencyKeySchema.pattern);

const assertIdempotencyKey = (idempotencyKey: string) => {
  if (!idempotencyKeyPattern.test(idempotencyKey)) {
    throw new ValidationFailed([
      { field: 'Idempotency-Key', message: 'must be 1 to 128 printable ASCII characters' },
    ]);
  }
};

/** Names the idempotency record of an Idempotency-Key of an API key. */
export const idempotencyRecordId = (apiKeyId: string, idempotencyKey: string): string => {
  assertIdempotencyKey(idempotencyKey);
  return uuidV5(JSON.stringify([apiKeyId, idempotencyKey]), PRODUCT_ID_NAMESPACE);
};

/**
 * The same Idempotency-Key from the same API key with the same body always names the same product; with
 * another body (allowed once the key's record expired) another product.
 */
export const productIdFromIdempotencyKey = (
  apiKeyId: string,
  idempotencyKey: string,
  fingerprint: string,
): string => {
  assertIdempotencyKey(idempotencyKey);
  return uuidV5(JSON.stringify([apiKeyId, idempotencyKey, fingerprint]), PRODUCT_ID_NAMESPACE);
};
