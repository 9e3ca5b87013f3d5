import { apiGatewayEvent, type HttpRequest } from '@bbws/dev-server';
import type { Context } from 'aws-lambda';
import { httpHandler, MAX_BODY_BYTES } from '../../src/http/handler';
import { ok } from '../../src/http/responses';
import {
  createProductContract,
  getProductContract,
  listProductsContract,
  updateProductContract,
} from '../../src/validators/generated/operations';

const context = {
  awsRequestId: 'lambda-request',
  getRemainingTimeInMillis: () => 5000,
} as unknown as Context;

const validProduct = { name: 'Desk lamp', price: 19.99, currency: 'ZAR' };

const post = (overrides: Partial<HttpRequest> = {}) =>
  apiGatewayEvent({
    method: 'POST',
    resource: '/v1.0/products',
    path: '/v1.0/products',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(validProduct),
    ...overrides,
  });

const seen: unknown[] = [];
const echo = async (event: unknown) => {
  seen.push(event);
  return ok({ received: true });
};

const bodyHandler = httpHandler(echo, createProductContract);
const parse = (body: string) => JSON.parse(body) as { error: { code: string; details: { field: string }[] } };

beforeEach(() => {
  seen.length = 0;
});

describe('httpHandler with a body schema', () => {
  it('hands the parsed, valid body to the domain function', async () => {
    const response = await bodyHandler(post(), context);

    expect(response.statusCode).toBe(200);
    expect(seen).toEqual([expect.objectContaining({ body: validProduct })]);
  });

  it('reads headers whatever their case', async () => {
    const response = await bodyHandler(
      post({ headers: { 'CONTENT-TYPE': 'application/json; charset=utf-8' } }),
      context,
    );

    expect(response.statusCode).toBe(200);
  });

  it('reads the media type case-insensitively, as HTTP defines it', async () => {
    const response = await bodyHandler(
      post({ headers: { 'Content-Type': 'Application/JSON; charset=UTF-8' } }),
      context,
    );

    expect(response.statusCode).toBe(200);
  });

  it('answers a request that has no headers at all with a JSON error, not a crash', async () => {
    const event = { ...post(), headers: null, multiValueHeaders: null } as unknown as ReturnType<typeof post>;

    const response = await bodyHandler(event, context);

    expect(response.statusCode).toBe(415);
    expect(parse(response.body).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 400 MALFORMED_JSON for a body that is not JSON, without calling the domain function', async () => {
    const response = await bodyHandler(post({ body: '{"name": ' }), context);

    expect(response.statusCode).toBe(400);
    expect(parse(response.body).error.code).toBe('MALFORMED_JSON');
    expect(seen).toEqual([]);
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded']])(
    'answers 415 for content type %s',
    async (type) => {
      const response = await bodyHandler(post({ headers: { 'content-type': type } }), context);

      expect(response.statusCode).toBe(415);
      expect(parse(response.body).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    },
  );

  it('answers 415 when the content type is missing', async () => {
    const response = await bodyHandler(post({ headers: {} }), context);

    expect(response.statusCode).toBe(415);
  });

  it('answers 413 for a body over 64 KiB before parsing it', async () => {
    const body = JSON.stringify({ ...validProduct, description: 'x'.repeat(MAX_BODY_BYTES) });

    const response = await bodyHandler(post({ body }), context);

    expect(response.statusCode).toBe(413);
    expect(parse(response.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('names every invalid field in one 400', async () => {
    const body = JSON.stringify({ name: ' ', price: -1, currency: 'zar', colour: 'red' });

    const response = await bodyHandler(post({ body }), context);

    expect(response.statusCode).toBe(400);
    const fields = parse(response.body).error.details.map((detail) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'price', 'currency', 'colour']));
  });

  it('does not coerce body types: a price sent as a string is refused', async () => {
    const response = await bodyHandler(
      post({ body: JSON.stringify({ ...validProduct, price: '19.99' }) }),
      context,
    );

    expect(response.statusCode).toBe(400);
    expect(parse(response.body).error.details).toEqual([expect.objectContaining({ field: 'price' })]);
  });
});

describe('httpHandler with path and query schemas', () => {
  const get = (request: Partial<HttpRequest>) =>
    apiGatewayEvent({ method: 'GET', resource: '/v1.0/products', path: '/v1.0/products', ...request });

  it('coerces query strings to the schema types', async () => {
    const handler = httpHandler(echo, listProductsContract);

    await handler(get({ query: { limit: '5', minPrice: '10.5' } }), context);

    expect(seen).toEqual([expect.objectContaining({ queryStringParameters: { limit: 5, minPrice: 10.5 } })]);
  });

  it('turns an absent query string into an empty object', async () => {
    const handler = httpHandler(echo, listProductsContract);

    await handler(get({}), context);

    expect(seen).toEqual([expect.objectContaining({ queryStringParameters: {} })]);
  });

  it('answers 400 naming the path parameter that is malformed', async () => {
    const handler = httpHandler(echo, getProductContract);

    const response = await handler(get({ pathParameters: { productId: 'not-a-uuid' } }), context);

    expect(response.statusCode).toBe(400);
    expect(parse(response.body).error.details).toEqual([expect.objectContaining({ field: 'productId' })]);
  });
});

describe('httpHandler errors', () => {
  it('answers 500 with the request id and no internals when the domain function fails unexpectedly', async () => {
    const handler = httpHandler(async () => {
      throw new Error('connection string postgres://secret');
    }, listProductsContract);
    const event = apiGatewayEvent({ method: 'GET', resource: '/v1.0/products', path: '/v1.0/products' });

    const response = await handler(event, context);

    expect(response.statusCode).toBe(500);
    expect(response.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(response.body)).toEqual({
      error: {
        code: 'INTERNAL_ERROR',
        message: 'Internal server error',
        details: [],
        requestId: event.requestContext.requestId,
      },
    });
  });
});

describe('httpHandler with a body and a path schema', () => {
  it('names the bad path parameter and the bad body fields in one 400', async () => {
    const handler = httpHandler(echo, updateProductContract);
    const event = post({
      method: 'PUT',
      resource: '/v1.0/products/{productId}',
      path: '/v1.0/products/bad-id',
      pathParameters: { productId: 'bad-id' },
      body: JSON.stringify({ ...validProduct, name: '' }),
    });

    const response = await handler(event, context);

    expect(response.statusCode).toBe(400);
    const fields = parse(response.body).error.details.map((detail) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'productId']));
    expect(seen).toEqual([]);
  });
});
