import { productIdSchema } from '../schemas/product';
import {
  ALL_PRODUCTS,
  CENTS_DIGITS,
  METADATA,
  NAME_PREFIX,
  PRODUCT_PREFIX,
  PRODUCTS_BY_NAME_INDEX,
  PRODUCTS_BY_PRICE_INDEX,
  type ProductIndex,
} from './keys';

// A file of its own: its patterns are built at load, and only the listing's bundle needs them.

/** Where a page of a listing ends: the item's table and index keys, as DynamoDB's LastEvaluatedKey. */
export type PageKey = Readonly<Record<string, string>>;

const UUID = productIdSchema.pattern.slice(1, -1);
const KEY_PATTERNS: Record<string, RegExp> = {
  PK: new RegExp(`^${PRODUCT_PREFIX}${UUID}$`),
  SK: new RegExp(`^${METADATA}$`),
  GSI1_PK: new RegExp(`^${ALL_PRODUCTS}$`),
  GSI1_SK: new RegExp(`^\\d{${CENTS_DIGITS}}#${UUID}$`),
  GSI2_PK: new RegExp(`^${NAME_PREFIX}.+$`, 'su'),
};
const PAGE_KEY_ATTRIBUTES: Record<ProductIndex, readonly string[]> = {
  [PRODUCTS_BY_PRICE_INDEX]: ['PK', 'SK', 'GSI1_PK', 'GSI1_SK'],
  [PRODUCTS_BY_NAME_INDEX]: ['PK', 'SK', 'GSI2_PK'],
};

/** True when `value` is exactly a product's key on `index`: its attributes, each well-formed, nothing else. */
export const isPageKey = (index: ProductIndex, value: unknown): value is PageKey => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const expected = PAGE_KEY_ATTRIBUTES[index];
  const entries = Object.entries(value);
  return (
    entries.length === expected.length &&
    entries.every(([name, attribute]) => typeof attribute === 'string' && expected.includes(name)) &&
    entries.every(([name, attribute]) => KEY_PATTERNS[name]?.test(attribute as string))
  );
};
