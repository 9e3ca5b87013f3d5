import {
  assertSigningKey,
  httpHandler,
  listProductsContract,
  ok,
  requireEnv,
  type HttpEvent,
  type ListProductsQuery,
} from '@bbws/core';
import { productLister } from './list-products';

const listProductPage = productLister(
  requireEnv('PRODUCTS_TABLE_NAME'),
  assertSigningKey(requireEnv('CURSOR_SIGNING_KEY')),
);

export type ListProductsEvent = HttpEvent<unknown, Record<string, string>, ListProductsQuery>;

export const listProducts = async (event: ListProductsEvent) =>
  ok(await listProductPage(event.queryStringParameters));

export const handler = httpHandler(listProducts, listProductsContract);
