import {
  accepted,
  changeAcceptorFromEnvironment,
  changeTargetOf,
  httpHandler,
  inWholeCents,
  productLocation,
  updateProductContract,
  type HttpEvent,
  type ProductInput,
  type ProductPath,
} from '@bbws/core';

const acceptChange = changeAcceptorFromEnvironment();

export type UpdateProductEvent = HttpEvent<ProductInput, ProductPath>;

export const updateProduct = async (event: UpdateProductEvent) => {
  const target = changeTargetOf(event);
  const change = await acceptChange({ eventType: 'UPDATE', ...target, product: inWholeCents(event.body) });
  return accepted(
    { productId: target.productId, eventId: change.eventId, status: 'PENDING' },
    { Location: productLocation(event, target.productId) },
  );
};

export const handler = httpHandler(updateProduct, updateProductContract);
