import {
  accepted,
  actorOf,
  changeAcceptor,
  changePublisher,
  httpHandler,
  productBodyRequest,
  productPathRequest,
  productStore,
  requireEnv,
  type HttpEvent,
  type ProductInput,
  type ProductPath,
} from '@bbws/core';

const acceptChange = changeAcceptor(
  productStore(requireEnv('PRODUCTS_TABLE_NAME')),
  changePublisher(requireEnv('PRODUCT_EVENTS_TOPIC_ARN')),
);

export type UpdateProductEvent = HttpEvent<ProductInput, ProductPath>;

export const updateProduct = async (event: UpdateProductEvent) => {
  const { productId } = event.pathParameters;
  const change = await acceptChange({
    eventType: 'UPDATE',
    productId,
    product: event.body,
    headers: event.headers,
    actor: actorOf(event),
  });
  return accepted({ productId, eventId: change.eventId, status: 'PENDING' });
};

export const handler = httpHandler(updateProduct, {
  body: productBodyRequest,
  parameters: productPathRequest,
});
