import { randomUUID } from 'node:crypto';
import {
  accepted,
  actorOf,
  changePublisher,
  httpHandler,
  inWholeCents,
  productIdFromIdempotencyKey,
  productInputSchema,
  productLocation,
  requireEnv,
  type HttpEvent,
  type ProductInput,
} from '@bbws/core';

const publishChange = changePublisher(requireEnv('PRODUCT_EVENTS_TOPIC_ARN'));

export type CreateProductEvent = HttpEvent<ProductInput>;

export const createProduct = async (event: CreateProductEvent) => {
  const actor = actorOf(event);
  const idempotencyKey = event.headers['idempotency-key'];
  // The same key from the same API key names the same product, so a retried POST creates nothing new.
  const productId =
    idempotencyKey === undefined ? randomUUID() : productIdFromIdempotencyKey(actor.apiKeyId, idempotencyKey);
  await publishChange({ eventType: 'CREATE', productId, product: inWholeCents(event.body), actor });
  return accepted({ productId, status: 'PENDING' }, { Location: productLocation(event, productId) });
};

export const handler = httpHandler(createProduct, { body: productInputSchema });
