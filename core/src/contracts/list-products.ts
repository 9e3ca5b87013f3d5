import { listProductsQuerySchema } from '../schemas/requests';
import { productPageSchema } from '../schemas/responses';
import type { OperationContract } from './contract';

export const listProductsContract = {
  operationId: 'listProducts',
  method: 'GET',
  path: '/v1.0/products',
  summary: 'List active products by price, or look one up by exact name',
  request: { query: listProductsQuerySchema },
  responses: { 200: { description: 'One page', body: productPageSchema } },
  errors: {
    400: ['VALIDATION_FAILED', 'INVALID_CURSOR'],
    500: ['INTERNAL_ERROR'],
    503: ['DEPENDENCY_UNAVAILABLE'],
  },
} as const satisfies OperationContract;
