import { MAX_BODY_BYTES } from './http/handler';
import { errorBodySchema } from './schemas/error-body';
import {
  IDEMPOTENCY_KEY_TTL_SECONDS,
  idempotencyKeySchema,
  productIdSchema,
  productInputSchema,
  productSchema,
} from './schemas/product';
import { listProductsQuerySchema } from './schemas/requests';
import { acceptedChangeSchema, gatewayErrorSchema, productPageSchema } from './schemas/responses';

const serverVariables = {
  apiId: { default: 'example', description: 'RestApiId Output of the infrastructure stack' },
  region: { default: 'eu-west-1' },
  stage: { default: 'dev', enum: ['dev', 'sit', 'prod'] },
};

const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });

const KEY_HOURS = IDEMPOTENCY_KEY_TTL_SECONDS / 3600;

const ERRORS: Record<string, string> = {
  '400': 'The request is not valid; `details` names each field',
  '404': 'No active product has this id',
  '409':
    'Idempotency-Key replayed for a product deleted since (`IDEMPOTENT_PRODUCT_DELETED`): send a new key to create it again',
  '412': 'No ETag of If-Match is the current version (strong comparison: weak ETags never match)',
  '413': `The body is larger than ${MAX_BODY_BYTES} bytes`,
  '415': 'The body is not application/json',
  '422': `Idempotency-Key already used, within its ${KEY_HOURS} hours, with another body (IDEMPOTENCY_KEY_REUSED); nothing was changed`,
  '500': 'Unexpected failure; quote the requestId',
  '503': 'A dependency (table or topic) is unavailable; nothing was changed, retry later',
};

const errors = (...codes: string[]) =>
  Object.fromEntries(codes.map((code) => [code, { description: ERRORS[code], content: json('ErrorBody') }]));

const gatewayErrors = {
  '403': { description: 'Missing or wrong x-api-key (API Gateway)', content: json('GatewayError') },
  '429': { description: 'Throttled or over the daily quota (API Gateway)', content: json('GatewayError') },
};

const ifMatch = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description:
    '`*` or a comma-separated list of ETags from GET (RFC 9110 §13.1.1, strong comparison: weak `W/` ETags ' +
    'never match). The change is refused with 412, now or when applied, unless the product is at one of them',
  schema: { type: 'string', examples: ['"3"', '"3", "4"'] },
};

const ifNoneMatch = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description:
    '`*` or a comma-separated list of ETags (weak comparison, RFC 9110 §13.1.2): 304 when one is the current version',
  schema: { type: 'string', examples: ['"3"'] },
};

const location = {
  Location: {
    description:
      'Where the product is or will be, with the stage prefix: `/{stage}/v1.0/products/{productId}`',
    schema: { type: 'string' },
  },
};

const etag = {
  ETag: { description: 'The product version, for If-Match and If-None-Match', schema: { type: 'string' } },
};

const productIdParameter = { name: 'productId', in: 'path', required: true, schema: productIdSchema };

const listParameters = Object.entries(listProductsQuerySchema.properties).map(([name, schema]) => ({
  name,
  in: 'query',
  required: false,
  schema,
}));

const productBody = { required: true, content: json('ProductInput') };

/** The OpenAPI 3.1 document of the product API, built from the same schemas the functions validate with. */
export const openApiDocument = () => ({
  openapi: '3.1.0',
  info: {
    title: 'BBWS Product API',
    version: '1.0.0',
    description:
      'Product catalogue. Writes are asynchronous: POST, PUT and DELETE validate, publish a change and return; ' +
      'the change is applied within seconds.',
    license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
  },
  servers: [
    { url: 'https://{apiId}.execute-api.{region}.amazonaws.com/{stage}', variables: serverVariables },
  ],
  security: [{ apiKey: [] }],
  paths: {
    '/v1.0/products': {
      get: {
        operationId: 'listProducts',
        summary: 'List active products by price, or look one up by exact name',
        parameters: listParameters,
        responses: {
          '200': { description: 'One page', content: json('ProductPage') },
          ...errors('400', '500', '503'),
          ...gatewayErrors,
        },
      },
      post: {
        operationId: 'createProduct',
        summary: 'Create a product (applied asynchronously)',
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description:
              'Makes retries safe. From the same API key, the same key with the same body (fields in any order, ' +
              'price to the cent) answers what the first request answered and never creates a second product; ' +
              'with another body it is refused with 422, and after the product was deleted with 409. A key ' +
              `holds its first body for ${KEY_HOURS} hours from its first use; after that it may name another product.`,
            schema: idempotencyKeySchema,
          },
        ],
        requestBody: productBody,
        responses: {
          '202': {
            description: 'Accepted',
            headers: location,
            content: json('AcceptedChange'),
          },
          ...errors('400', '409', '413', '415', '422', '500', '503'),
          ...gatewayErrors,
        },
      },
    },
    '/v1.0/products/{productId}': {
      parameters: [productIdParameter],
      get: {
        operationId: 'getProduct',
        summary: 'Get one active product',
        parameters: [ifNoneMatch],
        responses: {
          '200': { description: 'The product', headers: etag, content: json('Product') },
          '304': { description: 'If-None-Match names the current version; no body', headers: etag },
          ...errors('400', '404', '500', '503'),
          ...gatewayErrors,
        },
      },
      put: {
        operationId: 'updateProduct',
        summary: 'Replace a product (applied asynchronously)',
        parameters: [ifMatch],
        requestBody: productBody,
        responses: {
          '202': { description: 'Accepted', headers: location, content: json('AcceptedChange') },
          ...errors('400', '404', '412', '413', '415', '500', '503'),
          ...gatewayErrors,
        },
      },
      delete: {
        operationId: 'deleteProduct',
        summary: 'Soft-delete a product (applied asynchronously)',
        parameters: [ifMatch],
        responses: {
          '204': { description: 'Accepted; no body and no Content-Type' },
          ...errors('400', '404', '412', '500', '503'),
          ...gatewayErrors,
        },
      },
    },
  },
  components: {
    securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
    schemas: {
      ProductInput: productInputSchema,
      Product: productSchema,
      ProductPage: productPageSchema,
      AcceptedChange: acceptedChangeSchema,
      ErrorBody: errorBodySchema,
      GatewayError: gatewayErrorSchema,
    },
  },
});
