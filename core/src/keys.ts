import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidCursor, ValidationFailed } from './errors';
import { MAX_PRICE, productIdSchema, productSchema, type Product } from './schemas/product';

// The table's whole key design. Nothing else builds these strings.

export const PRODUCTS_BY_PRICE_INDEX = 'ProductsByPriceIndex';
export const PRODUCTS_BY_NAME_INDEX = 'ProductsByNameIndex';

const PRODUCT_PREFIX = 'PRODUCT#';
const METADATA = 'METADATA';
const NAME_PREFIX = 'NAME#';
const IDEMPOTENCY_PREFIX = 'IDEMPOTENCY#';
const IDEMPOTENT_REQUEST = 'REQUEST';
/** The prefix of every idempotency record's partition key (IAM scopes create-product's writes to it). */
export const IDEMPOTENCY_KEY_PREFIX = IDEMPOTENCY_PREFIX;
// One partition holds every active product so that a single Query returns them in global price order.
// It caps the index at one partition's throughput (about 1,000 writes/s), ample for a catalogue; past
// that, shard GSI1_PK by a suffix and merge the shards' results when reading.
const ALL_PRODUCTS = 'PRODUCTS';
const CENTS_DIGITS = String(MAX_PRICE * 100).length;

export const KEY_ATTRIBUTES = ['PK', 'SK'] as const;
export const INDEX_ATTRIBUTES = ['GSI1_PK', 'GSI1_SK', 'GSI2_PK'] as const;

export type IndexAttributeName = (typeof INDEX_ATTRIBUTES)[number];
export type ProductKey = { PK: string; SK: string };
export type PriceIndexKeys = { GSI1_PK: string; GSI1_SK: string };
export type NameIndexKey = { GSI2_PK: string };
export type ProductItem = Product & ProductKey & Partial<PriceIndexKeys & NameIndexKey>;

export const productKey = (productId: string): ProductKey => ({
  PK: `${PRODUCT_PREFIX}${productId}`,
  SK: METADATA,
});

/** The record of one Idempotency-Key of one API key; it has no index keys, so no listing reads it. */
export const idempotencyRecordKey = (recordId: string): ProductKey => ({
  PK: `${IDEMPOTENCY_PREFIX}${recordId}`,
  SK: IDEMPOTENT_REQUEST,
});

/** Whole cents, rounded: schema-valid prices have at most two decimals up to float error. */
export const priceToCents = (price: number): number => {
  if (!Number.isFinite(price) || price < 0 || price > MAX_PRICE) {
    throw new RangeError(`price ${price} is outside 0..${MAX_PRICE}`);
  }
  return Math.round(price * 100);
};

const centsKey = (price: number): string => String(priceToCents(price)).padStart(CENTS_DIGITS, '0');

/** Zero-padded cents make string order equal price order; the productId suffix keeps equal prices apart. */
export const priceIndexKeys = ({
  productId,
  price,
}: Pick<Product, 'productId' | 'price'>): PriceIndexKeys => ({
  GSI1_PK: ALL_PRODUCTS,
  GSI1_SK: `${centsKey(price)}#${productId}`,
});

/** NFKC, trimmed, inner whitespace collapsed, lower-cased: the form two names must share to be equal. */
export const normaliseName = (name: string): string =>
  name.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();

export const nameIndexKey = (name: string): NameIndexKey => ({
  GSI2_PK: `${NAME_PREFIX}${normaliseName(name)}`,
});

export interface PriceRange {
  lower: string;
  upper: string;
}

/**
 * Inclusive GSI1_SK bounds for `BETWEEN :lower AND :upper`. The upper bound ends in `$`, which sorts
 * after the `#` that follows the cents, so every product at `maxPrice` is included.
 */
export const priceRangeBounds = (minPrice = 0, maxPrice = MAX_PRICE): PriceRange => {
  if (minPrice > maxPrice) {
    throw new ValidationFailed([{ field: 'minPrice', message: 'must be less than or equal to maxPrice' }]);
  }
  return { lower: centsKey(minPrice), upper: `${centsKey(maxPrice)}$` };
};

export interface KeyCondition {
  IndexName: string;
  KeyConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, string>;
}

/** Query parameters for active products with a price in the range, in price order. */
export const priceIndexKeyCondition = (minPrice?: number, maxPrice?: number): KeyCondition => {
  const { lower, upper } = priceRangeBounds(minPrice, maxPrice);
  return {
    IndexName: PRODUCTS_BY_PRICE_INDEX,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lower AND :upper',
    ExpressionAttributeNames: { '#pk': 'GSI1_PK', '#sk': 'GSI1_SK' },
    ExpressionAttributeValues: { ':pk': ALL_PRODUCTS, ':lower': lower, ':upper': upper },
  };
};

/** Query parameters for active products whose name equals `name`, ignoring case and spacing. */
export const nameIndexKeyCondition = (name: string): KeyCondition => ({
  IndexName: PRODUCTS_BY_NAME_INDEX,
  KeyConditionExpression: '#pk = :pk',
  ExpressionAttributeNames: { '#pk': 'GSI2_PK' },
  ExpressionAttributeValues: { ':pk': nameIndexKey(name).GSI2_PK },
});

export interface IndexAttributes {
  set: Partial<PriceIndexKeys & NameIndexKey>;
  remove: IndexAttributeName[];
}

/**
 * Index attributes to SET and to REMOVE when writing a product. Only active products carry them, so
 * both indexes are sparse and a soft-deleted product drops out of every listing.
 */
export const indexAttributes = (
  product: Pick<Product, 'productId' | 'price' | 'name' | 'active'>,
): IndexAttributes =>
  product.active
    ? { set: { ...priceIndexKeys(product), ...nameIndexKey(product.name) }, remove: [] }
    : { set: {}, remove: [...INDEX_ATTRIBUTES] };

/** The full item to put for a product: its attributes, its key and, when active, its index keys. */
export const productItem = (product: Product): ProductItem => ({
  ...product,
  ...productKey(product.productId),
  ...indexAttributes(product).set,
});

const PRODUCT_ATTRIBUTES = Object.keys(productSchema.properties);

/** The product held in an item: its schema's attributes only, never keys or bookkeeping. */
export const productFromItem = (item: Record<string, unknown>): Product =>
  Object.fromEntries(
    PRODUCT_ATTRIBUTES.filter((name) => name in item).map((name) => [name, item[name]]),
  ) as Product;

// Cursors: the LastEvaluatedKey of a page, signed together with the query it belongs to.

export type CursorIndex = typeof PRODUCTS_BY_PRICE_INDEX | typeof PRODUCTS_BY_NAME_INDEX;

/** What a cursor is bound to: a cursor from one query is rejected by any other. */
export interface CursorContext {
  index: CursorIndex;
  sort?: string;
  filters?: Readonly<Record<string, string | number | boolean | undefined>>;
}

export type CursorKey = Record<string, string>;

const CURSOR_VERSION = 'c1';
const MAX_CURSOR_LENGTH = 4096;
const MIN_SIGNING_KEY_LENGTH = 32;
const UUID = productIdSchema.pattern.slice(1, -1);
const ATTRIBUTE_PATTERNS: Record<string, RegExp> = {
  PK: new RegExp(`^${PRODUCT_PREFIX}${UUID}$`),
  SK: new RegExp(`^${METADATA}$`),
  GSI1_PK: new RegExp(`^${ALL_PRODUCTS}$`),
  GSI1_SK: new RegExp(`^\\d{${CENTS_DIGITS}}#${UUID}$`),
  GSI2_PK: new RegExp(`^${NAME_PREFIX}.+$`, 'su'),
};
const CURSOR_ATTRIBUTES: Record<CursorIndex, readonly string[]> = {
  [PRODUCTS_BY_PRICE_INDEX]: ['PK', 'SK', 'GSI1_PK', 'GSI1_SK'],
  [PRODUCTS_BY_NAME_INDEX]: ['PK', 'SK', 'GSI2_PK'],
};

const isCursorKey = (value: unknown, index: CursorIndex): value is CursorKey => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const expected = CURSOR_ATTRIBUTES[index];
  const entries = Object.entries(value);
  return (
    entries.length === expected.length &&
    entries.every(([name, attribute]) => typeof attribute === 'string' && expected.includes(name)) &&
    entries.every(([name, attribute]) => ATTRIBUTE_PATTERNS[name]?.test(attribute as string))
  );
};

const canonicalContext = ({ index, sort, filters = {} }: CursorContext): string => {
  const definedFilters = Object.entries(filters)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([index, sort ?? null, definedFilters]);
};

/** Returns the key if it is long enough to sign cursors; call it at module scope to fail at cold start. */
export const assertSigningKey = (signingKey: string): string => {
  if (signingKey.length < MIN_SIGNING_KEY_LENGTH) {
    throw new Error(`The cursor signing key must be at least ${MIN_SIGNING_KEY_LENGTH} characters`);
  }
  return signingKey;
};

const signature = (payload: string, context: CursorContext, signingKey: string): Buffer =>
  createHmac('sha256', assertSigningKey(signingKey))
    .update(`${CURSOR_VERSION}.${payload}.${canonicalContext(context)}`)
    .digest();

/** An opaque, signed cursor for `lastEvaluatedKey`; the key comes from CURSOR_SIGNING_KEY via the caller. */
export const encodeCursor = (
  lastEvaluatedKey: Record<string, unknown>,
  context: CursorContext,
  signingKey: string,
): string => {
  if (!isCursorKey(lastEvaluatedKey, context.index)) {
    throw new Error(`LastEvaluatedKey does not have the key attributes of ${context.index}`);
  }
  const payload = Buffer.from(JSON.stringify(lastEvaluatedKey)).toString('base64url');
  return `${CURSOR_VERSION}.${payload}.${signature(payload, context, signingKey).toString('base64url')}`;
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidCursor();
  }
};

/** The ExclusiveStartKey a cursor stands for; throws InvalidCursor if forged, altered or from another query. */
export const decodeCursor = (cursor: string, context: CursorContext, signingKey: string): CursorKey => {
  const [version, payload = '', mac = '', ...rest] = cursor.split('.');
  if (cursor.length > MAX_CURSOR_LENGTH || version !== CURSOR_VERSION || rest.length > 0) {
    throw new InvalidCursor();
  }
  const expected = signature(payload, context, signingKey);
  const actual = Buffer.from(mac, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new InvalidCursor();
  const key = parseJson(Buffer.from(payload, 'base64url').toString('utf8'));
  if (!isCursorKey(key, context.index)) throw new InvalidCursor();
  return key;
};
