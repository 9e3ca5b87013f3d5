import { ValidationFailed } from '../errors';
import { MAX_PRICE, productSchema, type Product } from '../schemas/product';

// The table's whole key design. Nothing else builds these strings.

export const PRODUCTS_BY_PRICE_INDEX = 'ProductsByPriceIndex';
export const PRODUCTS_BY_NAME_INDEX = 'ProductsByNameIndex';
export type ProductIndex = typeof PRODUCTS_BY_PRICE_INDEX | typeof PRODUCTS_BY_NAME_INDEX;

export const PRODUCT_PREFIX = 'PRODUCT#';
export const METADATA = 'METADATA';
export const NAME_PREFIX = 'NAME#';
const IDEMPOTENCY_PREFIX = 'IDEMPOTENCY#';
const IDEMPOTENT_REQUEST = 'REQUEST';
/** The prefix of every idempotency record's partition key (IAM scopes create-product's writes to it). */
export const IDEMPOTENCY_KEY_PREFIX = IDEMPOTENCY_PREFIX;
// One partition holds every active product so that a single Query returns them in global price order.
// It caps the index at one partition's throughput (about 1,000 writes/s), ample for a catalogue; past
// that, shard GSI1_PK by a suffix and merge the shards' results when reading.
export const ALL_PRODUCTS = 'PRODUCTS';
export const CENTS_DIGITS = String(MAX_PRICE * 100).length;

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

/**
 * One listing of active products: the index it reads and the key values that select its items. Two
 * spellings of the same listing (a name in another case, no minPrice and minPrice 0) are equal.
 */
export interface ProductQuery {
  readonly index: ProductIndex;
  readonly keyValues: Readonly<Record<string, string>>;
}

/** Active products with a price in the range, in price order. */
export const priceQuery = (minPrice?: number, maxPrice?: number): ProductQuery => {
  const { lower, upper } = priceRangeBounds(minPrice, maxPrice);
  return {
    index: PRODUCTS_BY_PRICE_INDEX,
    keyValues: { ':pk': ALL_PRODUCTS, ':lower': lower, ':upper': upper },
  };
};

/** Active products whose name equals `name`, ignoring case and spacing. */
export const nameQuery = (name: string): ProductQuery => ({
  index: PRODUCTS_BY_NAME_INDEX,
  keyValues: { ':pk': nameIndexKey(name).GSI2_PK },
});

export interface KeyCondition {
  IndexName: string;
  KeyConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, string>;
}

// Literal property names, not computed ones, let esbuild drop this table from bundles that never query.
const KEY_CONDITIONS: Record<ProductIndex, Omit<KeyCondition, 'IndexName' | 'ExpressionAttributeValues'>> = {
  ProductsByPriceIndex: {
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lower AND :upper',
    ExpressionAttributeNames: { '#pk': 'GSI1_PK', '#sk': 'GSI1_SK' },
  },
  ProductsByNameIndex: {
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': 'GSI2_PK' },
  },
};

/** The Query parameters that read one listing. */
export const keyCondition = ({ index, keyValues }: ProductQuery): KeyCondition => ({
  IndexName: index,
  ...KEY_CONDITIONS[index],
  ExpressionAttributeValues: { ...keyValues },
});

/** Query parameters for active products with a price in the range, in price order. */
export const priceIndexKeyCondition = (minPrice?: number, maxPrice?: number): KeyCondition =>
  keyCondition(priceQuery(minPrice, maxPrice));

/** Query parameters for active products whose name equals `name`, ignoring case and spacing. */
export const nameIndexKeyCondition = (name: string): KeyCondition => keyCondition(nameQuery(name));

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
