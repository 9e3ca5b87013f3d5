import { randomUUID } from 'node:crypto';
import {
  accepted,
  actorOf,
  changePublisher,
  createProductContract,
  httpHandler,
  idempotentCreations,
  inWholeCents,
  productLocation,
  requireEnv,
  type HttpEvent,
  type ProductInput,
} from '@bbws/core';

const publishChange = changePublisher(requireEnv('PRODUCT_EVENTS_TOPIC_ARN'));
const keyedProductId = idempotentCreations(requireEnv('PRODUCTS_TABLE_NAME'));

export type CreateProductEvent = HttpEvent<ProductInput>;

export const createProduct = async (event: CreateProductEvent) => {
  const actor = actorOf(event);
  const product = inWholeCents(event.body);
  const idempotencyKey = event.headers['idempotency-key'];
  const productId =
    idempotencyKey === undefined
      ? randomUUID()
      : await keyedProductId({ apiKeyId: actor.apiKeyId, idempotencyKey, product });
  await publishChange({ eventType: 'CREATE', productId, product, actor });
  return accepted({ productId, status: 'PENDING' }, { Location: productLocation(event, productId) });
};

export const handler = httpHandler(createProduct, createProductContract);
