import { productInputSchema } from '../schemas/product';
import { acceptedChangeSchema } from '../schemas/responses';
import type { OperationContract } from './contract';
import { idempotencyKeyHeader, locationHeader } from './headers';

export const createProductContract = {
  operationId: 'createProduct',
  method: 'POST',
  path: '/v1.0/products',
  summary: 'Create a product (applied asynchronously)',
  request: { body: productInputSchema, headers: [idempotencyKeyHeader] },
  responses: { 202: { description: 'Accepted', body: acceptedChangeSchema, headers: [locationHeader] } },
  errors: {
    400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
    409: ['IDEMPOTENT_PRODUCT_DELETED'],
    413: ['PAYLOAD_TOO_LARGE'],
    415: ['UNSUPPORTED_MEDIA_TYPE'],
    422: ['IDEMPOTENCY_KEY_REUSED'],
    500: ['INTERNAL_ERROR'],
    503: ['DEPENDENCY_UNAVAILABLE'],
  },
} as const satisfies OperationContract;
