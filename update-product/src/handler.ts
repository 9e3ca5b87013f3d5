import {
  accepted,
  actorOf,
  changeAcceptor,
  changePublisher,
  httpHandler,
  ifMatchVersions,
  inWholeCents,
  productBodyRequest,
  productLocation,
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
    product: inWholeCents(event.body),
    acceptedVersions: ifMatchVersions(event),
    actor: actorOf(event),
  });
  return accepted(
    { productId, eventId: change.eventId, status: 'PENDING' },
    { Location: productLocation(event, productId) },
  );
};

export const handler = httpHandler(updateProduct, {
  body: productBodyRequest,
  parameters: productPathRequest,
});
