import { productPathSchema } from '../schemas/requests';
import type { OperationContract } from './contract';
import { ifMatchHeader } from './headers';

export const deleteProductContract = {
  operationId: 'deleteProduct',
  method: 'DELETE',
  path: '/v1.0/products/{productId}',
  summary: 'Soft-delete a product (applied asynchronously)',
  request: { path: productPathSchema, headers: [ifMatchHeader] },
  responses: { 204: { description: 'Accepted; no body and no Content-Type' } },
  errors: {
    400: ['VALIDATION_FAILED'],
    404: ['PRODUCT_NOT_FOUND'],
    412: ['VERSION_CONFLICT'],
    500: ['INTERNAL_ERROR'],
    503: ['DEPENDENCY_UNAVAILABLE'],
  },
} as const satisfies OperationContract;
