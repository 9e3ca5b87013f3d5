import { productInputSchema } from '../schemas/product';
import { productPathSchema } from '../schemas/requests';
import { acceptedChangeSchema } from '../schemas/responses';
import type { OperationContract } from './contract';
import { ifMatchHeader, locationHeader } from './headers';

export const updateProductContract = {
  operationId: 'updateProduct',
  method: 'PUT',
  path: '/v1.0/products/{productId}',
  summary: 'Replace a product (applied asynchronously)',
  request: { path: productPathSchema, body: productInputSchema, headers: [ifMatchHeader] },
  responses: { 202: { description: 'Accepted', body: acceptedChangeSchema, headers: [locationHeader] } },
  errors: {
    400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
    404: ['PRODUCT_NOT_FOUND'],
    412: ['VERSION_CONFLICT'],
    413: ['PAYLOAD_TOO_LARGE'],
    415: ['UNSUPPORTED_MEDIA_TYPE'],
    500: ['INTERNAL_ERROR'],
    503: ['DEPENDENCY_UNAVAILABLE'],
  },
} as const satisfies OperationContract;
