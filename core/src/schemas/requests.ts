import type { FromSchema } from 'json-schema-to-ts';
import { priceSchema, productIdSchema } from './product';

/** Path of /v1.0/products/{productId}. */
export const productPathSchema = {
  type: 'object',
  properties: { productId: productIdSchema },
  required: ['productId'],
} as const;

export type ProductPath = FromSchema<typeof productPathSchema>;

export const LIST_SORT_ORDERS = ['price_asc', 'price_desc'] as const;

/** Query string of GET /v1.0/products. `name` is an exact lookup and cannot be combined with price options. */
export const listProductsQuerySchema = {
  type: 'object',
  properties: {
    sort: { enum: LIST_SORT_ORDERS },
    minPrice: priceSchema,
    maxPrice: priceSchema,
    name: {
      type: 'string',
      description: 'a name with a visible character',
      minLength: 1,
      maxLength: 200,
      pattern: '\\S',
    },
    limit: { type: 'integer', minimum: 1, maximum: 100 },
    cursor: { type: 'string', minLength: 1, maxLength: 4096 },
  },
  additionalProperties: false,
} as const;

export type ListProductsQuery = FromSchema<typeof listProductsQuerySchema>;
