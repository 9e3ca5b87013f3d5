import { TABLE_NAME } from './environment';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { logger, ProductNotFound, productItem, type Product } from '@bbws/core';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { getProduct, handler } from '../../src/handler';
import {
  aProduct,
  errorOf,
  getRequest,
  lambdaContext,
  SAMPLE_PRODUCT_ID,
  sampleEvent,
  softDeleted,
} from '../fixtures';

const dynamodb = mockClient(DynamoDBDocumentClient);

const invoke = (event: APIGatewayProxyEvent) => handler(event, lambdaContext);
const storing = (product: Product) => dynamodb.on(GetCommand).resolves({ Item: productItem(product) });

beforeEach(() => {
  dynamodb.reset();
  dynamodb.on(GetCommand).resolves({});
});

afterEach(() => jest.restoreAllMocks());

describe('GET /v1.0/products/{productId}', () => {
  it('returns the product with its version as a quoted ETag', async () => {
    const product = aProduct({ productId: SAMPLE_PRODUCT_ID, version: 7 });
    storing(product);

    const response = await invoke(sampleEvent('existing-product'));

    expect(response.statusCode).toBe(200);
    expect(response.headers).toEqual({ 'Content-Type': 'application/json', ETag: '"7"' });
    expect(JSON.parse(response.body)).toEqual(product);
  });

  it.each([
    ['its ETag', '"7"'],
    ['its weak ETag (weak comparison)', 'W/"7"'],
    ['a list that names it', '"5", "7"'],
    ['*', '*'],
  ])('answers 304 with the ETag and no body when If-None-Match is %s', async (_, ifNoneMatch) => {
    storing(aProduct({ productId: SAMPLE_PRODUCT_ID, version: 7 }));
    const event = sampleEvent('existing-product');

    const response = await invoke({ ...event, headers: { ...event.headers, 'If-None-Match': ifNoneMatch } });

    expect(response).toEqual({ statusCode: 304, headers: { ETag: '"7"' }, body: '' });
  });

  it('answers 200 with the product when If-None-Match names another version', async () => {
    storing(aProduct({ productId: SAMPLE_PRODUCT_ID, version: 8 }));
    const event = sampleEvent('existing-product');

    const response = await invoke({ ...event, headers: { ...event.headers, 'If-None-Match': '"7"' } });

    expect(response.statusCode).toBe(200);
    expect(response.headers.ETag).toBe('"8"');
  });

  it('answers 400 naming If-None-Match when it is not a list of ETags', async () => {
    const event = sampleEvent('existing-product');

    const response = await invoke({ ...event, headers: { ...event.headers, 'If-None-Match': '7' } });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details).toEqual([expect.objectContaining({ field: 'If-None-Match' })]);
  });

  it('reads the product by its key from the configured table', async () => {
    storing(aProduct({ productId: SAMPLE_PRODUCT_ID }));

    await invoke(sampleEvent('existing-product'));

    expect(dynamodb).toHaveReceivedCommandTimes(GetCommand, 1);
    expect(dynamodb).toHaveReceivedCommandWith(GetCommand, {
      TableName: TABLE_NAME,
      Key: { PK: `PRODUCT#${SAMPLE_PRODUCT_ID}`, SK: 'METADATA' },
    });
  });

  it('returns only the product attributes, none of its table or index keys', async () => {
    const product = aProduct();
    storing(product);

    const response = await invoke(getRequest(product.productId));

    expect(Object.keys(JSON.parse(response.body)).sort()).toEqual(Object.keys(product).sort());
  });

  it('answers 404 PRODUCT_NOT_FOUND for a product that does not exist', async () => {
    const event = getRequest('0b7c4f52-9d1e-4a3b-8c6d-5e4f3a2b1c0d');

    const response = await invoke(event);

    expect(response.statusCode).toBe(404);
    expect(errorOf(response)).toEqual({
      code: 'PRODUCT_NOT_FOUND',
      message: 'Product 0b7c4f52-9d1e-4a3b-8c6d-5e4f3a2b1c0d was not found',
      details: [],
      requestId: event.requestContext.requestId,
    });
  });

  it('answers 404 for a soft-deleted product', async () => {
    const product = softDeleted(aProduct());
    storing(product);

    const response = await invoke(getRequest(product.productId));

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe('PRODUCT_NOT_FOUND');
    expect(response.body).not.toContain(product.name);
  });

  it('answers 400 naming productId for the malformed id of the sample event, without reading the table', async () => {
    const event = sampleEvent('malformed-id');

    const response = await invoke(event);

    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'The request is not valid',
      details: [{ field: 'productId', message: expect.any(String) }],
      requestId: event.requestContext.requestId,
    });
    expect(dynamodb).not.toHaveReceivedCommand(GetCommand);
  });

  it.each([
    ['an upper-case uuid', '3F2C8A4E-1B7D-4C5E-9F60-7A8B9C0D1E2F'],
    ['a version 1 uuid', 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef'],
    ['a path fragment', '..%2Fadmin'],
  ])('answers 400 naming productId for %s', async (_, productId) => {
    const response = await invoke(getRequest(productId));

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details.map(({ field }) => field)).toEqual(['productId']);
  });

  it('answers 400 naming productId when API Gateway passes no path parameters', async () => {
    const event = { ...getRequest(SAMPLE_PRODUCT_ID), pathParameters: null };

    const response = await invoke(event);

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details.map(({ field }) => field)).toEqual(['productId']);
  });

  it('answers 503 with the request id and no internals when DynamoDB fails', async () => {
    dynamodb.on(GetCommand).rejects(new Error('ThrottlingException: Rate exceeded for table products-unit'));
    const event = getRequest(SAMPLE_PRODUCT_ID);

    const response = await invoke(event);

    expect(response.statusCode).toBe(503);
    expect(response.headers['Content-Type']).toBe('application/json');
    expect(errorOf(response)).toEqual({
      code: 'DEPENDENCY_UNAVAILABLE',
      message: 'A service the API depends on is unavailable; retry later',
      details: [],
      requestId: event.requestContext.requestId,
    });
    expect(response.body).not.toMatch(/Throttling|products-unit/u);
  });

  it.each([['X-Correlation-Id'], ['x-correlation-id'], ['X-CORRELATION-ID']])(
    'tags its logs with the correlation id sent as %s',
    async (header) => {
      const appendKeys = jest.spyOn(logger, 'appendKeys');
      const event = getRequest(SAMPLE_PRODUCT_ID, { [header]: 'storefront-checkout-42' });

      await invoke(event);

      expect(appendKeys).toHaveBeenCalledWith({
        requestId: event.requestContext.requestId,
        correlationId: 'storefront-checkout-42',
      });
    },
  );
});

describe('getProduct', () => {
  it('throws ProductNotFound for the error mapping to answer, rather than building a response', async () => {
    const event = { ...getRequest(SAMPLE_PRODUCT_ID), pathParameters: { productId: SAMPLE_PRODUCT_ID } };

    await expect(getProduct({ ...event, queryStringParameters: {} })).rejects.toBeInstanceOf(ProductNotFound);
  });
});
