import {
  entityTag,
  httpHandler,
  ok,
  productPathRequest,
  productStore,
  requireEnv,
  type HttpEvent,
  type ProductPath,
} from '@bbws/core';

const products = productStore(requireEnv('PRODUCTS_TABLE_NAME'));

export type GetProductEvent = HttpEvent<unknown, ProductPath>;

export const getProduct = async (event: GetProductEvent) => {
  const product = await products.findActive(event.pathParameters.productId);
  return ok(product, { ETag: entityTag(product.version) });
};

export const handler = httpHandler(getProduct, { parameters: productPathRequest });
