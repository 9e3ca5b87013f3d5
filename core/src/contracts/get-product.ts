import { productSchema } from '../schemas/product';
import { productPathSchema } from '../schemas/requests';
import type { OperationContract } from './contract';
import { etagHeader, ifNoneMatchHeader } from './headers';

export const getProductContract = {
  operationId: 'getProduct',
  method: 'GET',
  path: '/v1.0/products/{productId}',
  summary: 'Get one active product',
  request: { path: productPathSchema, headers: [ifNoneMatchHeader] },
  responses: {
    200: { description: 'The product', body: productSchema, headers: [etagHeader] },
    304: { description: 'If-None-Match names the current version; no body', headers: [etagHeader] },
  },
  errors: {
    400: ['VALIDATION_FAILED'],
    404: ['PRODUCT_NOT_FOUND'],
    500: ['INTERNAL_ERROR'],
    503: ['DEPENDENCY_UNAVAILABLE'],
  },
} as const satisfies OperationContract;
