// The products table: every key, index and access pattern, and every read and conditional write.
export {
  PRODUCTS_BY_PRICE_INDEX,
  PRODUCTS_BY_NAME_INDEX,
  KEY_ATTRIBUTES,
  INDEX_ATTRIBUTES,
  IDEMPOTENCY_KEY_PREFIX,
  productKey,
  idempotencyRecordKey,
  priceToCents,
  priceIndexKeys,
  normaliseName,
  nameIndexKey,
  priceRangeBounds,
  priceQuery,
  nameQuery,
  keyCondition,
  priceIndexKeyCondition,
  nameIndexKeyCondition,
  indexAttributes,
  productItem,
  productFromItem,
  type ProductIndex,
  type IndexAttributeName,
  type ProductKey,
  type PriceIndexKeys,
  type NameIndexKey,
  type ProductItem,
  type PriceRange,
  type ProductQuery,
  type KeyCondition,
  type IndexAttributes,
} from './keys';
export { isPageKey, type PageKey } from './page-keys';
export { productReader, type ProductReader } from './product-reads';
export { productPages, type PageRequest, type TablePage } from './product-pages';
export {
  productWrites,
  type ProductWrites,
  type ChangeStamp,
  type ChangeTracking,
  type ConditionalWrite,
} from './product-writes';
export {
  idempotencyRecords,
  type IdempotencyRecords,
  type IdempotencyClaim,
  type IdempotencyRecord,
} from './idempotency-records';
