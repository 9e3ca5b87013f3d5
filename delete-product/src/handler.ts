import {
  changeAcceptor,
  changePublisher,
  changeTargetOf,
  deleteProductContract,
  httpHandler,
  noContent,
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
  await acceptChange({ eventType: 'DELETE', ...changeTargetOf(event) });
  return noContent();
};

export const handler = httpHandler(deleteProduct, deleteProductContract);
