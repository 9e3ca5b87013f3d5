import { inWholeCents, productIdFromIdempotencyKey, requestFingerprint, type ProductInput } from '@bbws/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { sampleProductInputs } from './products';

// The API Gateway REST proxy events of the HTTP services' samples, as the deployed API would hand them
// over: fixed ids and times, so the files stay the same until a schema changes.

const DOMAIN = 'local-rest-api.execute-api.eu-west-1.amazonaws.com';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Client {
  userAgent: string;
  sourceIp: string;
  apiKeyId: string;
  /** A storefront or script sends a correlation id and comes through CloudFront. */
  viaCloudFront: boolean;
}

const CLIENTS = {
  admin: {
    userAgent: 'bbws-catalogue-admin/1.4.2',
    sourceIp: '203.0.113.7',
    apiKeyId: 'k7x2m9q4pz',
    viaCloudFront: false,
  },
  storefront: {
    userAgent: 'bbws-storefront/1.4 (+https://example.com)',
    sourceIp: '198.51.100.7',
    apiKeyId: 'k3x9q2w7v1',
    viaCloudFront: true,
  },
  curl: { userAgent: 'curl/8.5.0', sourceIp: '203.0.113.24', apiKeyId: 'k3x9q2w7v1', viaCloudFront: true },
} satisfies Record<string, Client>;

interface SampleRequest {
  method: string;
  resource: string;
  productId?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  client: keyof typeof CLIENTS;
  at: string;
  requestId: string;
}

/** `01/Jan/2026:10:00:00 +0000`, as API Gateway writes requestTime. */
const requestTime = (at: Date) => {
  const [date = '', time = ''] = at.toISOString().split(/T|\./);
  const [year, month = '01', day] = date.split('-');
  return `${day}/${MONTHS[Number(month) - 1]}/${year}:${time} +0000`;
};

const headersOf = ({ headers, body, client: name, at, requestId }: SampleRequest) => {
  const client: Client = CLIENTS[name];
  const compact = requestId.replaceAll('-', '');
  const epochHex = Math.floor(new Date(at).getTime() / 1000).toString(16);
  return {
    Accept: 'application/json',
    ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...headers,
    ...(client.viaCloudFront ? { 'CloudFront-Forwarded-Proto': 'https' } : {}),
    Host: DOMAIN,
    'User-Agent': client.userAgent,
    'X-Amzn-Trace-Id': `Root=1-${epochHex}-${compact.slice(0, 24)}`,
    ...(client.viaCloudFront ? { 'X-Correlation-Id': `corr-${compact.slice(0, 8)}` } : {}),
    'X-Forwarded-For': client.sourceIp,
    'X-Forwarded-Port': '443',
    'X-Forwarded-Proto': 'https',
  };
};

const multi = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, [value]]));

const identity = (client: Client) => ({
  cognitoIdentityPoolId: null,
  accountId: null,
  cognitoIdentityId: null,
  caller: null,
  apiKey: null,
  apiKeyId: client.apiKeyId,
  principalOrgId: null,
  sourceIp: client.sourceIp,
  cognitoAuthenticationType: null,
  cognitoAuthenticationProvider: null,
  userArn: null,
  userAgent: client.userAgent,
  user: null,
  accessKey: null,
  clientCert: null,
});

const restApiEvent = (request: SampleRequest): APIGatewayProxyEvent => {
  const { method, resource, productId, query, body, at, requestId } = request;
  const path = productId === undefined ? resource : resource.replace('{productId}', productId);
  const headers = headersOf(request);
  return {
    resource,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: multi(headers),
    queryStringParameters: query ?? null,
    multiValueQueryStringParameters: query ? multi(query) : null,
    pathParameters: productId === undefined ? null : { productId },
    stageVariables: null,
    requestContext: {
      resourceId: productId === undefined ? 'local-products' : 'local-product',
      resourcePath: resource,
      httpMethod: method,
      extendedRequestId: Buffer.from(requestId.slice(0, 11)).toString('base64'),
      requestTime: requestTime(new Date(at)),
      path: `/local${path}`,
      accountId: '000000000000',
      protocol: 'HTTP/1.1',
      stage: 'local',
      domainPrefix: 'local-rest-api',
      requestTimeEpoch: new Date(at).getTime(),
      requestId,
      identity: identity(CLIENTS[request.client]),
      authorizer: null,
      domainName: DOMAIN,
      apiId: 'local-rest-api',
    },
    body: body ?? null,
    isBase64Encoded: false,
  } as APIGatewayProxyEvent;
};

const PRODUCTS = '/v1.0/products';
const PRODUCT = '/v1.0/products/{productId}';
const MOKA_POT_KEY = 'order-2025-0001';
const DESK_LAMP_KEY = 'order-2025-0002';

/** The id POST gives `product` sent by the admin client with this Idempotency-Key. */
const idempotentProductId = (idempotencyKey: string, product: ProductInput) =>
  productIdFromIdempotencyKey(
    CLIENTS.admin.apiKeyId,
    idempotencyKey,
    requestFingerprint(inWholeCents(product)),
  );

/** The sample events of each HTTP service, by service folder and file name. */
export const sampleApiEventFiles = (): Record<string, Record<string, APIGatewayProxyEvent>> => {
  const { mokaPot, mokaPotUpdated, deskLamp } = sampleProductInputs();
  // The ids the two keyed POSTs below give: the later samples read, update and delete those products.
  const mokaPotId = idempotentProductId(MOKA_POT_KEY, mokaPot);
  const deskLampId = idempotentProductId(DESK_LAMP_KEY, deskLamp);
  const admin = { client: 'admin' } as const;
  const write = (
    method: string,
    productId: string,
    at: string,
    requestId: string,
    headers = {},
    body?: string,
  ) => restApiEvent({ ...admin, method, resource: PRODUCT, productId, at, requestId, headers, body });
  const read = (
    client: 'storefront' | 'curl',
    at: string,
    requestId: string,
    target: Partial<SampleRequest>,
  ) => restApiEvent({ method: 'GET', resource: PRODUCTS, client, at, requestId, ...target });
  const put = (at: string, requestId: string, headers = {}) =>
    write('PUT', mokaPotId, at, requestId, headers, JSON.stringify(mokaPotUpdated));
  const post = (body: string, at: string, requestId: string, headers = {}) =>
    restApiEvent({ ...admin, method: 'POST', resource: PRODUCTS, body, at, requestId, headers });
  return {
    'create-product': {
      'create-product.json': post(
        JSON.stringify(deskLamp),
        '2026-01-01T10:00:00Z',
        'c0a8f3e2-1b4d-4e6f-9a7c-2d5e8f1a3b60',
        {
          'Idempotency-Key': DESK_LAMP_KEY,
        },
      ),
      'create-product-idempotent.json': post(
        JSON.stringify(mokaPot),
        '2026-01-01T10:01:00Z',
        'c0a8f3e2-1b4d-4e6f-9a7c-2d5e8f1a3b61',
        { 'Idempotency-Key': MOKA_POT_KEY },
      ),
      // A blank name, a third decimal, a lower-case currency and a field the schema does not define.
      'create-product-invalid.json': post(
        '{"name":" ","price":19.999,"currency":"eur","colour":"silver"}',
        '2026-01-01T10:02:00Z',
        'c0a8f3e2-1b4d-4e6f-9a7c-2d5e8f1a3b62',
      ),
    },
    'get-product': {
      'existing-product.json': read(
        'storefront',
        '2025-11-25T13:20:15Z',
        '9a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
        {
          resource: PRODUCT,
          productId: mokaPotId,
        },
      ),
      'malformed-id.json': read(
        'storefront',
        '2025-11-25T13:20:20Z',
        '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a',
        {
          resource: PRODUCT,
          productId: 'not-a-product-id',
        },
      ),
    },
    'list-products': {
      'first-page.json': read('curl', '2025-11-25T13:20:00Z', 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef', {
        query: { limit: '20' },
      }),
      'by-name.json': read('curl', '2025-11-25T13:20:05Z', '0f4c2a1e-3d5b-4c8e-9a7f-1b2c3d4e5f60', {
        query: { name: deskLamp.name },
      }),
      'price-range-desc.json': read('curl', '2025-11-25T13:20:10Z', '5e8d1f2a-6b7c-4d9e-8f0a-2c3b4d5e6f71', {
        query: { sort: 'price_desc', minPrice: '10', maxPrice: '99.99', limit: '5' },
      }),
    },
    'update-product': {
      'update-product-if-match.json': put('2026-01-01T11:00:00Z', 'd1b9e4f3-2c5e-4f70-8b8d-3e6f9a2b4c71', {
        'If-Match': '"1"',
      }),
      'update-product.json': put('2026-01-01T11:01:00Z', 'd1b9e4f3-2c5e-4f70-8b8d-3e6f9a2b4c72'),
    },
    'delete-product': {
      'delete-product-if-match.json': write(
        'DELETE',
        mokaPotId,
        '2026-01-01T12:01:00Z',
        'e2cafa04-3d6f-4081-9c9e-4f7a0b3c5d82',
        {
          'If-Match': '"3"',
        },
      ),
      'delete-product.json': write(
        'DELETE',
        deskLampId,
        '2026-01-01T12:00:00Z',
        'e2cafa04-3d6f-4081-9c9e-4f7a0b3c5d81',
      ),
    },
  };
};
