import {
  entityTag,
  httpHandler,
  getProductContract,
  ifNoneMatch,
  matchesWeakly,
  notModified,
  ok,
  productStore,
  requireEnv,
  type HttpEvent,
  type ProductPath,
} from '@bbws/core';

const products = productStore(requireEnv('PRODUCTS_TABLE_NAME'));

export type GetProductEvent = HttpEvent<unknown, ProductPath>;

export const getProduct = async (event: GetProductEvent) => {
  const condition = ifNoneMatch(event);
  const product = await products.findActive(event.pathParameters.productId);
  const headers = { ETag: entityTag(product.version) };
  return matchesWeakly(condition, product.version) ? notModified(headers) : ok(product, headers);
};

export const handler = httpHandler(getProduct, getProductContract);
