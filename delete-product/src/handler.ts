import {
  actorOf,
  changeAcceptor,
  changePublisher,
  httpHandler,
  ifMatchVersions,
  noContent,
  productPathRequest,
  productStore,
  requireEnv,
  type HttpEvent,
  type ProductPath,
} from '@bbws/core';

const acceptChange = changeAcceptor(
  productStore(requireEnv('PRODUCTS_TABLE_NAME')),
  changePublisher(requireEnv('PRODUCT_EVENTS_TOPIC_ARN')),
);

export type DeleteProductEvent = HttpEvent<unknown, ProductPath>;

export const deleteProduct = async (event: DeleteProductEvent) => {
  const { productId } = event.pathParameters;
  await acceptChange({
    eventType: 'DELETE',
    productId,
    acceptedVersions: ifMatchVersions(event),
    actor: actorOf(event),
  });
  return noContent();
};

export const handler = httpHandler(deleteProduct, { parameters: productPathRequest });
