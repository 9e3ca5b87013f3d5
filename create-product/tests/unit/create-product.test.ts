import { TEST_TOPIC_ARN } from '../support/env';
import path from 'node:path';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { IDEMPOTENCY_KEY_TTL_SECONDS, isProductId, productItem } from '@bbws/core';
import { apiGatewayEvent } from '@bbws/dev-server';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../src/handler';
import { errorOf, fieldsNamedBy, invoke, sampleEvent } from '../support/http';
import { deletedProduct, validProductInput } from '../support/products';
import { publishedChanges } from '../support/published';
import { idempotencyTable } from '../support/table';

const sns = mockClient(SNSClient);
const dynamodb = mockClient(DynamoDBDocumentClient);
let table: ReturnType<typeof idempotencyTable>;

const eventsDir = path.resolve(__dirname, '../../events');

interface PostRequest {
  headers?: Record<string, string>;
  apiKeyId?: string;
  sourceIp?: string;
  body?: string;
}

const postEvent = ({ headers = {}, apiKeyId, sourceIp, body }: PostRequest = {}) =>
  apiGatewayEvent({
    method: 'POST',
    resource: '/v1.0/products',
    path: '/v1.0/products',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body ?? JSON.stringify(validProductInput),
    apiKeyId,
    sourceIp,
  });

const postProduct = (request: PostRequest = {}) => invoke(handler, postEvent(request));

const acceptedProductId = async (request: PostRequest): Promise<string> => {
  const response = await postProduct(request);
  return (JSON.parse(response.body) as { productId: string }).productId;
};

beforeEach(() => {
  sns.reset();
  dynamodb.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
  table = idempotencyTable(dynamodb);
});

afterEach(() => jest.useRealTimers());

describe('POST /v1.0/products', () => {
  it('answers 202 with a new productId, PENDING status and the Location of the product', async () => {
    const response = await postProduct();

    const body = JSON.parse(response.body) as { productId: string; status: string };
    expect(response.statusCode).toBe(202);
    expect(response.headers['Content-Type']).toBe('application/json');
    expect(body).toEqual({ productId: expect.any(String), status: 'PENDING' });
    expect(isProductId(body.productId)).toBe(true);
    expect(response.headers.Location).toBe(`/local/v1.0/products/${body.productId}`);
  });

  it('builds the Location without a doubled slash when the request path ends in one', async () => {
    const event = { ...postEvent(), path: '/v1.0/products/' };
    event.requestContext = { ...event.requestContext, path: '/local/v1.0/products/' };

    const response = await invoke(handler, event);

    const { productId } = JSON.parse(response.body) as { productId: string };
    expect(response.headers.Location).toBe(`/local/v1.0/products/${productId}`);
  });

  it('publishes one schema-valid CREATE event carrying the product and the caller', async () => {
    const event = postEvent({ apiKeyId: 'key-id-42', sourceIp: '198.51.100.20' });

    const response = await invoke(handler, event);

    const [change, ...others] = publishedChanges(sns);
    expect(others).toEqual([]);
    expect(change).toEqual({
      schemaVersion: 1,
      eventId: expect.any(String),
      eventType: 'CREATE',
      productId: (JSON.parse(response.body) as { productId: string }).productId,
      occurredAt: expect.any(String),
      product: validProductInput,
      actor: { apiKeyId: 'key-id-42', sourceIp: '198.51.100.20', requestId: event.requestContext.requestId },
    });
  });

  it('publishes to the configured topic with eventType as a message attribute', async () => {
    await postProduct();

    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: TEST_TOPIC_ARN,
      MessageAttributes: { eventType: { DataType: 'String', StringValue: 'CREATE' } },
    });
  });

  it('gives every POST without an Idempotency-Key a different productId', async () => {
    const first = await acceptedProductId({});
    const second = await acceptedProductId({});

    expect(first).not.toBe(second);
  });
});

describe('POST /v1.0/products with an Idempotency-Key', () => {
  it('names the same product when the same API key retries with the same key', async () => {
    const request = { apiKeyId: 'key-id-1', headers: { 'Idempotency-Key': 'order-2025-0001' } };

    const first = await acceptedProductId(request);
    const retry = await acceptedProductId(request);

    expect(retry).toBe(first);
    expect(isProductId(first)).toBe(true);
    expect(publishedChanges(sns).map(({ productId }) => productId)).toEqual([first, first]);
  });

  it('names different products for the same key from different API keys', async () => {
    const headers = { 'Idempotency-Key': 'order-2025-0001' };

    const mine = await acceptedProductId({ apiKeyId: 'key-id-1', headers });
    const theirs = await acceptedProductId({ apiKeyId: 'key-id-2', headers });

    expect(mine).not.toBe(theirs);
  });

  it('names different products for different keys from the same API key', async () => {
    const first = await acceptedProductId({ apiKeyId: 'key-id-1', headers: { 'Idempotency-Key': 'a-1' } });
    const second = await acceptedProductId({ apiKeyId: 'key-id-1', headers: { 'Idempotency-Key': 'a-2' } });

    expect(first).not.toBe(second);
  });

  it('reads the header whatever the case of its name', async () => {
    const canonical = await acceptedProductId({ headers: { 'Idempotency-Key': 'retry-me' } });
    const oddCase = await acceptedProductId({ headers: { 'idempotency-KEY': 'retry-me' } });

    expect(oddCase).toBe(canonical);
  });

  it.each([
    ['a space', 'order 1'],
    ['a control character', 'order\u00071'],
    ['a non-ASCII character', 'commande-é'],
    ['more than 128 characters', 'k'.repeat(129)],
    ['nothing', ''],
  ])('refuses a key with %s with a 400 naming Idempotency-Key and publishes nothing', async (_, key) => {
    const response = await postProduct({ headers: { 'Idempotency-Key': key } });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    expect(fieldsNamedBy(response)).toEqual(['Idempotency-Key']);
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('accepts a key of exactly 128 printable characters', async () => {
    const response = await postProduct({ headers: { 'Idempotency-Key': '~'.repeat(128) } });

    expect(response.statusCode).toBe(202);
  });
});

describe('POST /v1.0/products reusing an Idempotency-Key', () => {
  const headers = { 'Idempotency-Key': 'order-2025-0042' };
  const otherBody = JSON.stringify({ ...validProductInput, price: validProductInput.price + 1 });

  it('answers the first outcome to the same body, sent with its fields reordered and float noise', async () => {
    const reordered = Object.fromEntries(Object.entries(validProductInput).reverse());
    const noisy = JSON.stringify(reordered).replace(/"price":[0-9.]+/, '"price":29.990000000000002');
    const input = JSON.stringify({ ...validProductInput, price: 29.99 });

    const first = await postProduct({ headers, body: input });
    const retry = await postProduct({ headers, body: noisy });

    expect(retry.statusCode).toBe(202);
    expect(retry.body).toBe(first.body);
    expect(retry.headers.Location).toBe(first.headers.Location);
  });

  it('refuses another body with 422 IDEMPOTENCY_KEY_REUSED naming the header, and publishes nothing for it', async () => {
    await postProduct({ headers });
    sns.resetHistory();

    const response = await postProduct({ headers, body: otherBody });

    expect(response.statusCode).toBe(422);
    expect(errorOf(response).code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(fieldsNamedBy(response)).toEqual(['Idempotency-Key']);
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('records the claim with an expiry, so the key names another body once it has expired', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    const first = await postProduct({ headers });
    expect(dynamodb).toHaveReceivedCommandWith(PutCommand, {
      Item: expect.objectContaining({
        expiresAt: Date.parse('2026-01-01T00:00:00Z') / 1000 + IDEMPOTENCY_KEY_TTL_SECONDS,
      }),
    });

    jest.setSystemTime(
      new Date(Date.parse('2026-01-01T00:00:00Z') + (IDEMPOTENCY_KEY_TTL_SECONDS + 1) * 1000),
    );
    const later = await postProduct({ headers, body: otherBody });

    expect(later.statusCode).toBe(202);
    expect(later.body).not.toBe(first.body);
  });

  it('refuses a replay for a product deleted since with 409, never a Location that stays 404', async () => {
    const first = await postProduct({ headers });
    const { productId } = JSON.parse(first.body) as { productId: string };
    const deleted = productItem(deletedProduct({ productId }));
    table.set(`${deleted.PK}|${deleted.SK}`, deleted);
    sns.resetHistory();

    const replay = await postProduct({ headers });

    expect(replay.statusCode).toBe(409);
    expect(errorOf(replay).code).toBe('IDEMPOTENT_PRODUCT_DELETED');
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('answers 503 and publishes nothing when the key cannot be recorded', async () => {
    dynamodb.on(PutCommand).rejects(new Error('ProvisionedThroughputExceededException'));

    const response = await postProduct({ headers });

    expect(response.statusCode).toBe(503);
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });
});

describe('POST /v1.0/products prices', () => {
  const postPrice = (priceText: string) =>
    invoke(
      handler,
      apiGatewayEvent({
        method: 'POST',
        resource: '/v1.0/products',
        path: '/v1.0/products',
        headers: { 'Content-Type': 'application/json' },
        body: `{"name":"Mug","currency":"EUR","price":${priceText}}`,
      }),
    );

  it.each([
    ['29.990000000000002', 29.99],
    ['0.30000000000000004', 0.3],
    ['1.2100000000000002', 1.21],
    ['19.99', 19.99],
  ])('publishes the price %s as the whole cent value %p', async (priceText, price) => {
    const response = await postPrice(priceText);

    expect(response.statusCode).toBe(202);
    expect(publishedChanges(sns)).toEqual([
      expect.objectContaining({ product: expect.objectContaining({ price }) }),
    ]);
  });

  it.each([['19.995'], ['0.001'], ['19.9901'], ['"19.99"']])(
    'refuses the price %s with a 400 naming price, publishing nothing',
    async (priceText) => {
      const response = await postPrice(priceText);

      expect(response.statusCode).toBe(400);
      expect(fieldsNamedBy(response)).toEqual(['price']);
      expect(sns).not.toHaveReceivedCommand(PublishCommand);
    },
  );
});

describe('POST /v1.0/products when the topic fails', () => {
  it('answers 503 with the request id and no internals when publishing fails', async () => {
    sns.on(PublishCommand).rejects(new Error('connect ECONNREFUSED 10.0.0.12:443 arn:aws:sns:secret'));
    const event = postEvent();

    const response = await invoke(handler, event);

    expect(response.statusCode).toBe(503);
    expect(response.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(response.body)).toEqual({
      error: {
        code: 'DEPENDENCY_UNAVAILABLE',
        message: expect.any(String),
        details: [],
        requestId: event.requestContext.requestId,
      },
    });
    expect(response.body).not.toMatch(/ECONNREFUSED|arn:aws|Error/);
  });
});

describe('POST /v1.0/products sample events', () => {
  it('accepts the sample product with a Location under the stage prefix', async () => {
    const response = await invoke(handler, sampleEvent(`${eventsDir}/create-product.json`));

    const { productId } = JSON.parse(response.body) as { productId: string };
    expect(response.statusCode).toBe(202);
    expect(response.headers.Location).toBe(`/local/v1.0/products/${productId}`);
  });

  it.each([
    ['create-product-idempotent.json', 'get-product/events/existing-product.json'],
    ['create-product-idempotent.json', 'update-product/events/update-product.json'],
    ['create-product-idempotent.json', 'delete-product/events/delete-product-if-match.json'],
    ['create-product.json', 'delete-product/events/delete-product.json'],
  ])('creates with %s the product that %s names', async (file, namingSample) => {
    const response = await invoke(handler, sampleEvent(`${eventsDir}/${file}`));
    const named = sampleEvent(path.resolve(__dirname, '../../..', namingSample)).pathParameters?.productId;

    expect(response.statusCode).toBe(202);
    expect(JSON.parse(response.body)).toEqual({ productId: named, status: 'PENDING' });
  });

  it('refuses the sample invalid product naming each bad field', async () => {
    const response = await invoke(handler, sampleEvent(`${eventsDir}/create-product-invalid.json`));

    expect(response.statusCode).toBe(400);
    expect(new Set(fieldsNamedBy(response))).toEqual(new Set(['name', 'price', 'currency', 'colour']));
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });
});
