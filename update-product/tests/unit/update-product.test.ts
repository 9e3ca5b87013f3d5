import { TEST_TABLE_NAME, TEST_TOPIC_ARN } from '../../../create-product/tests/support/env';
import path from 'node:path';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { productKey } from '@bbws/core';
import { apiGatewayEvent } from '@bbws/dev-server';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../src/handler';
import { errorOf, fieldsNamedBy, invoke, sampleEvent } from '../../../create-product/tests/support/http';
import {
  deletedProduct,
  storedProduct,
  validProductInput,
} from '../../../create-product/tests/support/products';
import {
  ifMatchNeverVersion3,
  ifMatchVersion3,
  malformedIfMatches,
} from '../../../create-product/tests/support/requests';
import { publishedChanges } from '../../../create-product/tests/support/published';
import { tableHolds } from '../../../create-product/tests/support/table';

const sns = mockClient(SNSClient);
const dynamodb = mockClient(DynamoDBDocumentClient);
const eventsDir = path.resolve(__dirname, '../../events');

const putEvent = (productId: string, headers: Record<string, string> = {}) =>
  apiGatewayEvent({
    method: 'PUT',
    resource: '/v1.0/products/{productId}',
    path: `/v1.0/products/${productId}`,
    pathParameters: { productId },
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(validProductInput),
    apiKeyId: 'key-id-7',
    sourceIp: '198.51.100.20',
  });

const putProduct = (productId: string, headers?: Record<string, string>) =>
  invoke(handler, putEvent(productId, headers));

beforeEach(() => {
  sns.reset();
  dynamodb.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
});

describe('PUT /v1.0/products/{productId}', () => {
  it('answers 202 with the productId, the eventId of the accepted change and PENDING', async () => {
    const product = storedProduct();
    tableHolds(dynamodb, product);

    const response = await putProduct(product.productId);

    const [change] = publishedChanges(sns);
    expect(response.statusCode).toBe(202);
    expect(JSON.parse(response.body)).toEqual({
      productId: product.productId,
      eventId: change?.eventId,
      status: 'PENDING',
    });
  });

  it('publishes a schema-valid UPDATE event with the full replacement and the caller', async () => {
    const product = storedProduct();
    tableHolds(dynamodb, product);
    const event = putEvent(product.productId);

    await invoke(handler, event);

    expect(publishedChanges(sns)).toEqual([
      {
        schemaVersion: 1,
        eventId: expect.any(String),
        eventType: 'UPDATE',
        productId: product.productId,
        occurredAt: expect.any(String),
        product: validProductInput,
        actor: { apiKeyId: 'key-id-7', sourceIp: '198.51.100.20', requestId: event.requestContext.requestId },
      },
    ]);
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: TEST_TOPIC_ARN,
      MessageAttributes: { eventType: { DataType: 'String', StringValue: 'UPDATE' } },
    });
  });

  it('checks the product with a strongly consistent read of its key in the configured table', async () => {
    const product = storedProduct();
    tableHolds(dynamodb, product);

    await putProduct(product.productId);

    expect(dynamodb).toHaveReceivedCommandWith(GetCommand, {
      TableName: TEST_TABLE_NAME,
      Key: productKey(product.productId),
      ConsistentRead: true,
    });
  });

  it('returns 404 for a product that does not exist and publishes nothing', async () => {
    const { productId } = storedProduct();
    tableHolds(dynamodb, undefined);

    const response = await putProduct(productId);

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe('PRODUCT_NOT_FOUND');
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('returns 404 for a soft-deleted product and publishes nothing', async () => {
    const product = deletedProduct();
    tableHolds(dynamodb, product);

    const response = await putProduct(product.productId);

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe('PRODUCT_NOT_FOUND');
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('answers 503 and publishes nothing when the table cannot be read', async () => {
    dynamodb.on(GetCommand).rejects(new Error('ProvisionedThroughputExceededException'));

    const response = await putProduct(storedProduct().productId);

    expect(response.statusCode).toBe(503);
    expect(errorOf(response).code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(response.body).not.toContain('ProvisionedThroughput');
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('answers 503 when the change cannot be published', async () => {
    const product = storedProduct();
    tableHolds(dynamodb, product);
    sns.on(PublishCommand).rejects(new Error('socket hang up'));

    const response = await putProduct(product.productId);

    expect(response.statusCode).toBe(503);
    expect(errorOf(response).code).toBe('DEPENDENCY_UNAVAILABLE');
  });
});

describe('PUT /v1.0/products/{productId} with If-Match', () => {
  it.each(ifMatchVersion3)(
    'carries the version of %s into the event as expectedVersion',
    async (_, ifMatch) => {
      const product = storedProduct({ version: 3 });
      tableHolds(dynamodb, product);

      const response = await putProduct(product.productId, { 'If-Match': ifMatch });

      expect(response.statusCode).toBe(202);
      expect(publishedChanges(sns)).toEqual([
        expect.objectContaining({ eventType: 'UPDATE', expectedVersion: 3 }),
      ]);
    },
  );

  it('reads the header whatever the case of its name', async () => {
    const product = storedProduct({ version: 3 });
    tableHolds(dynamodb, product);

    await putProduct(product.productId, { 'IF-MATCH': '"3"' });

    expect(publishedChanges(sns)).toEqual([expect.objectContaining({ expectedVersion: 3 })]);
  });

  it.each([
    ['no If-Match', {}],
    ['If-Match: *', { 'If-Match': '*' }],
  ])('publishes no expectedVersion for %s', async (_, headers) => {
    const product = storedProduct();
    tableHolds(dynamodb, product);

    const response = await putProduct(product.productId, headers);

    expect(response.statusCode).toBe(202);
    expect(publishedChanges(sns)[0]).not.toHaveProperty('expectedVersion');
  });

  it.each(ifMatchNeverVersion3)(
    'returns 412 for %s when the product is at version 3, and publishes nothing',
    async (_, ifMatch) => {
      const product = storedProduct({ version: 3 });
      tableHolds(dynamodb, product);

      const response = await putProduct(product.productId, { 'If-Match': ifMatch });

      expect(response.statusCode).toBe(412);
      expect(errorOf(response).code).toBe('VERSION_CONFLICT');
      expect(sns).not.toHaveReceivedCommand(PublishCommand);
    },
  );

  it('reads an If-Match list split over several header lines', async () => {
    const product = storedProduct({ version: 3 });
    tableHolds(dynamodb, product);
    const event = putEvent(product.productId);
    event.multiValueHeaders = { ...event.multiValueHeaders, 'If-Match': ['"1"', '"3"'] };

    const response = await invoke(handler, event);

    expect(response.statusCode).toBe(202);
    expect(publishedChanges(sns)).toEqual([expect.objectContaining({ expectedVersion: 3 })]);
  });

  it('answers 202 with a Location naming the product, with the stage', async () => {
    const product = storedProduct();
    tableHolds(dynamodb, product);

    const response = await putProduct(product.productId);

    expect(response.headers.Location).toBe(`/local/v1.0/products/${product.productId}`);
  });

  it.each(malformedIfMatches)(
    'refuses %s with a 400 naming If-Match before reading the table',
    async (_, ifMatch) => {
      const response = await putProduct(storedProduct().productId, { 'If-Match': ifMatch });

      expect(response.statusCode).toBe(400);
      expect(fieldsNamedBy(response)).toEqual(['If-Match']);
      expect(dynamodb).not.toHaveReceivedCommand(GetCommand);
      expect(sns).not.toHaveReceivedCommand(PublishCommand);
    },
  );
});

describe('PUT /v1.0/products/{productId} sample events', () => {
  it.each([
    ['update-product-if-match.json', 1],
    ['update-product.json', undefined],
  ])('accepts %s for the product the sample POST creates', async (file, expectedVersion) => {
    const event = sampleEvent(`${eventsDir}/${file}`);
    tableHolds(dynamodb, storedProduct({ productId: event.pathParameters?.productId, version: 1 }));

    const response = await invoke(handler, event);

    const [change] = publishedChanges(sns);
    expect(response.statusCode).toBe(202);
    expect(change?.eventType).toBe('UPDATE');
    expect(change?.expectedVersion).toBe(expectedVersion);
  });
});
