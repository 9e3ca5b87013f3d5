import type { FromSchema } from 'json-schema-to-ts';

/** Lower-case RFC 9562 UUID: version 4 (random) or version 5 (derived from an idempotency key). */
export const productIdSchema = {
  type: 'string',
  description: 'a lower-case UUID',
  pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$',
} as const;

const productIdPattern = new RegExp(productIdSchema.pattern);

export const isProductId = (value: unknown): value is string =>
  typeof value === 'string' && productIdPattern.test(value);

/** The Idempotency-Key header of POST: printable ASCII, so it is the same bytes whoever reads it. */
export const idempotencyKeySchema = {
  type: 'string',
  description: '1 to 128 printable ASCII characters without spaces',
  pattern: '^[\\x21-\\x7e]{1,128}$',
} as const;

/** How long an Idempotency-Key holds its first body, from the first request that used it. */
export const IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 60 * 60;

export const MAX_PRICE = 1e9;

export const dateTimeSchema = { type: 'string', format: 'date-time' } as const;

// `multipleOf: 0.01` is exact only with the tolerance set by `compileSchema` (see validation.ts):
// 19.99 / 0.01 is 1998.9999999999998 in binary floating point. The tolerance, 1e-4 of a cent, is the
// smallest power of ten above the error of that division for prices up to MAX_PRICE (1.5e-5 of a cent).
export const priceSchema = {
  type: 'number',
  description:
    'a whole number of cents (at most two decimals); binary floating-point noise within 0.0001 of a cent, ' +
    'as in 29.990000000000002, is taken as that cent',
  minimum: 0,
  maximum: MAX_PRICE,
  multipleOf: 0.01,
} as const;

/** A schema-valid price as the whole cent it stands for: 29.990000000000002 is 29.99. */
export const wholeCentPrice = (price: number): number => Math.round(price * 100) / 100;

/** Body of POST and PUT: a full replacement of the product's editable fields. */
export const productInputSchema = {
  type: 'object',
  properties: {
    // At least one visible character and no C0/C1 control characters. The lookahead keeps the match
    // linear in the length: a backtracking `x*\Sx*` form is quadratic on long hostile input.
    name: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'text with at least one visible character and no control characters',
      pattern: '^(?=[\\s\\S]*\\S)[^\\u0000-\\u001f\\u007f-\\u009f\\ud800-\\udfff]+$',
    },
    // Line breaks and tabs are text here; other control characters are not.
    description: {
      type: 'string',
      maxLength: 2000,
      description: 'text without control characters other than line breaks and tabs',
      pattern: '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ud800-\\udfff]*$',
    },
    price: priceSchema,
    currency: { type: 'string', description: 'an ISO 4217 code such as ZAR', pattern: '^[A-Z]{3}$' },
    category: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
      description: 'text without control characters',
      pattern: '^[^\\u0000-\\u001f\\u007f-\\u009f\\ud800-\\udfff]+$',
    },
    sku: { type: 'string', description: '1 to 64 letters, digits, _ or -', pattern: '^[A-Za-z0-9_-]{1,64}$' },
    // The pattern insists on a host: `format: uri` alone accepts a bare `https://`.
    imageUrl: {
      type: 'string',
      description: 'an https URL',
      format: 'uri',
      pattern: '^https://[^\\s/?#]+',
      maxLength: 2048,
    },
  },
  required: ['name', 'price', 'currency'],
  additionalProperties: false,
} as const;

export type ProductInput = FromSchema<typeof productInputSchema>;

/** A schema-valid product input as it is published and stored: its price in whole cents. */
export const inWholeCents = (input: ProductInput): ProductInput => ({
  ...input,
  price: wholeCentPrice(input.price),
});

/** A product as stored and returned; `deletedAt` is set, and `active` false, once soft-deleted. */
export const productSchema = {
  type: 'object',
  properties: {
    productId: productIdSchema,
    ...productInputSchema.properties,
    active: { type: 'boolean' },
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
    version: { type: 'integer', minimum: 1 },
    deletedAt: dateTimeSchema,
  },
  required: ['productId', ...productInputSchema.required, 'active', 'createdAt', 'updatedAt', 'version'],
  additionalProperties: false,
} as const;

export type Product = FromSchema<typeof productSchema>;
