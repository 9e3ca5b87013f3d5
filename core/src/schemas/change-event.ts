import type { FromSchema } from 'json-schema-to-ts';
import { dateTimeSchema, productIdSchema, productInputSchema } from './product';

/**
 * The contract's major version (docs/change-events.md). A consumer reads every minor version of its major
 * and refuses any other major: a breaking change gets a new major. This code writes version 1.0:
 * `schemaVersion: 1` and no `schemaMinorVersion` (absent means 0).
 */
export const CHANGE_EVENT_SCHEMA_VERSION = 1;

export const actorSchema = {
  type: 'object',
  properties: {
    apiKeyId: { type: 'string', minLength: 1, maxLength: 128 },
    sourceIp: { type: 'string', minLength: 1, maxLength: 64 },
    requestId: { type: 'string', minLength: 1, maxLength: 128 },
  },
  required: ['apiKeyId', 'sourceIp', 'requestId'],
  additionalProperties: false,
} as const;

export type Actor = FromSchema<typeof actorSchema>;

/**
 * The message published for every accepted write. `oneOf` on `eventType` makes the derived type a
 * discriminated union: CREATE and UPDATE carry `product`, DELETE must not, CREATE has no `expectedVersion`.
 */
export const changeEventSchema = {
  type: 'object',
  properties: {
    schemaVersion: { const: CHANGE_EVENT_SCHEMA_VERSION },
    schemaMinorVersion: { type: 'integer', minimum: 0 },
    eventId: { type: 'string', format: 'uuid' },
    eventType: { enum: ['CREATE', 'UPDATE', 'DELETE'] },
    productId: productIdSchema,
    occurredAt: dateTimeSchema,
    expectedVersion: { type: 'integer', minimum: 1 },
    product: productInputSchema,
    actor: actorSchema,
  },
  required: ['schemaVersion', 'eventId', 'eventType', 'productId', 'occurredAt', 'actor'],
  additionalProperties: false,
  oneOf: [
    // `product: true` only declares the property for ajv's strictRequired; its schema is the one above.
    {
      properties: { eventType: { const: 'CREATE' }, product: true, expectedVersion: false },
      required: ['product'],
    },
    { properties: { eventType: { const: 'UPDATE' }, product: true }, required: ['product'] },
    { properties: { eventType: { const: 'DELETE' }, product: false } },
  ],
} as const;

export type ChangeEvent = FromSchema<typeof changeEventSchema>;
export type ChangeEventType = ChangeEvent['eventType'];

/**
 * A change event as a consumer reads it: the same fields with the same rules, but fields it does not know
 * (in the event, its product or its actor) are allowed, as a producer of a later minor version may add
 * them. Strict at the edge (the API refuses unknown fields), tolerant inside.
 */
export const receivedChangeEventSchema = {
  type: 'object',
  properties: {
    ...changeEventSchema.properties,
    product: {
      type: 'object',
      properties: productInputSchema.properties,
      required: productInputSchema.required,
    },
    actor: { type: 'object', properties: actorSchema.properties, required: actorSchema.required },
  },
  required: changeEventSchema.required,
  oneOf: changeEventSchema.oneOf,
} as const;

export type ReceivedChangeEvent = FromSchema<typeof receivedChangeEventSchema>;

/** What the audit logger writes to S3: the event as received (unknown fields too) plus how SQS delivered it. */
export const auditRecordSchema = {
  type: 'object',
  properties: {
    event: receivedChangeEventSchema,
    delivery: {
      type: 'object',
      properties: {
        messageId: { type: 'string', minLength: 1 },
        receiveCount: { type: 'integer', minimum: 1 },
        receivedAt: dateTimeSchema,
      },
      required: ['messageId', 'receiveCount', 'receivedAt'],
      additionalProperties: false,
    },
  },
  required: ['event', 'delivery'],
  additionalProperties: false,
} as const;

export type AuditRecord = FromSchema<typeof auditRecordSchema>;
