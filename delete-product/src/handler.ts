import {
  changeAcceptorFromEnvironment,
  changeTargetOf,
  deleteProductContract,
  httpHandler,
  noContent,
  type HttpEvent,
  type ProductPath,
} from '@bbws/core';

const acceptChange = changeAcceptorFromEnvironment();

export type DeleteProductEvent = HttpEvent<unknown, ProductPath>;

export const deleteProduct = async (event: DeleteProductEvent) => {
  await acceptChange({ eventType: 'DELETE', ...changeTargetOf(event) });
  return noContent();
};

export const handler = httpHandler(deleteProduct, deleteProductContract);
