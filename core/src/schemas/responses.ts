import type { FromSchema } from 'json-schema-to-ts';
import { productIdSchema, productSchema } from './product';

/** Body of GET /v1.0/products. */
export const productPageSchema = {
  type: 'object',
  properties: {
    items: { type: 'array', items: productSchema },
    nextCursor: {
      type: ['string', 'null'],
      description: 'Pass as `cursor` for the next page; null on the last',
    },
  },
  required: ['items', 'nextCursor'],
  additionalProperties: false,
} as const;

export type ProductPage = FromSchema<typeof productPageSchema>;

/** Body of a 202: the change was accepted and will be applied asynchronously. */
export const acceptedChangeSchema = {
  type: 'object',
  properties: {
    productId: productIdSchema,
    eventId: { type: 'string', format: 'uuid' },
    status: { const: 'PENDING' },
  },
  required: ['productId', 'status'],
  additionalProperties: false,
} as const;

export type AcceptedChange = FromSchema<typeof acceptedChangeSchema>;

/** What API Gateway itself answers, e.g. 403 for a missing or wrong API key, 429 when throttled. */
export const gatewayErrorSchema = {
  type: 'object',
  properties: { message: { type: 'string' } },
  required: ['message'],
} as const;
