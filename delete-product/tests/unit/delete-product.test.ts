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
import { deletedProduct, storedProduct } from '../../../create-product/tests/support/products';
import { publishedChanges } from '../../../create-product/tests/support/published';
import {
  ifMatchNeverVersion3,
  ifMatchVersion3,
  malformedIfMatches,
  malformedProductIds,
} from '../../../create-product/tests/support/requests';
import { tableHolds } from '../../../create-product/tests/support/table';

const sns = mockClient(SNSClient);
const dynamodb = mockClient(DynamoDBDocumentClient);
const eventsDir = path.resolve(__dirname, '../../events');

const deleteEvent = (productId: string, headers: Record<string, string> = {}) =>
  apiGatewayEvent({
    method: 'DELETE',
    resource: '/v1.0/products/{productId}',
    path: `/v1.0/products/${productId}`,
    pathParameters: { productId },
    headers,
    apiKeyId: 'key-id-9',
    sourceIp: '192.0.2.44',
  });

const deleteProduct = (productId: string, headers?: Record<string, string>) =>
  invoke(handler, deleteEvent(productId, headers));

const expectNothingPublished = () => expect(sns).not.toHaveReceivedCommand(PublishCommand);

beforeEach(() => {
  sns.reset();
  dynamodb.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
});

describe('DELETE /v1.0/products/{productId}', () => {
  it('answers 204 with an empty body and no Content-Type', async () => {
    const product = storedProduct();
    tableHolds(dynamodb, product);

    const response = await deleteProduct(product.productId);

    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(Object.keys(response.headers).map((name) => name.toLowerCase())).not.toContain('content-type');
  });

  it('publishes a schema-valid DELETE event that carries no product', async () => {
    const product = storedProduct();
    tableHolds(dynamodb, product);
    const event = deleteEvent(product.productId);

    await invoke(handler, event);

    expect(publishedChanges(sns)).toEqual([
      {
        schemaVersion: 1,
        eventId: expect.any(String),
        eventType: 'DELETE',
        productId: product.productId,
        occurredAt: expect.any(String),
        actor: { apiKeyId: 'key-id-9', sourceIp: '192.0.2.44', requestId: event.requestContext.requestId },
      },
    ]);
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: TEST_TOPIC_ARN,
      MessageAttributes: { eventType: { DataType: 'String', StringValue: 'DELETE' } },
    });
  });

  it('checks the product with a strongly consistent read of its key in the configured table', async () => {
    const product = storedProduct();
    tableHolds(dynamodb, product);

    await deleteProduct(product.productId);

    expect(dynamodb).toHaveReceivedCommandWith(GetCommand, {
      TableName: TEST_TABLE_NAME,
      Key: productKey(product.productId),
      ConsistentRead: true,
    });
  });

  it('returns 404 for a product that does not exist and publishes nothing', async () => {
    tableHolds(dynamodb, undefined);

    const response = await deleteProduct(storedProduct().productId);

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe('PRODUCT_NOT_FOUND');
    expectNothingPublished();
  });

  it('returns 404 for a product that is already deleted and publishes nothing', async () => {
    const product = deletedProduct();
    tableHolds(dynamodb, product);

    const response = await deleteProduct(product.productId);

    expect(response.statusCode).toBe(404);
    expectNothingPublished();
  });

  it.each(malformedProductIds)(
    'refuses %s as productId with a 400 naming productId',
    async (_, productId) => {
      const response = await deleteProduct(productId);

      expect(response.statusCode).toBe(400);
      expect(fieldsNamedBy(response)).toEqual(['productId']);
      expect(dynamodb).not.toHaveReceivedCommand(GetCommand);
      expectNothingPublished();
    },
  );

  it('answers 503 with the request id and publishes nothing when the table cannot be read', async () => {
    dynamodb.on(GetCommand).rejects(new Error('connect ETIMEDOUT dynamodb.eu-west-1.amazonaws.com'));
    const event = deleteEvent(storedProduct().productId);

    const response = await invoke(handler, event);

    expect(response.statusCode).toBe(503);
    expect(errorOf(response)).toEqual(
      expect.objectContaining({ code: 'DEPENDENCY_UNAVAILABLE', requestId: event.requestContext.requestId }),
    );
    expect(response.body).not.toContain('ETIMEDOUT');
    expectNothingPublished();
  });

  it('answers 503 when the change cannot be published', async () => {
    const product = storedProduct();
    tableHolds(dynamodb, product);
    sns.on(PublishCommand).rejects(new Error('throttled'));

    const response = await deleteProduct(product.productId);

    expect(response.statusCode).toBe(503);
  });
});

describe('DELETE /v1.0/products/{productId} with If-Match', () => {
  it.each(ifMatchVersion3)(
    'carries the version of %s into the event as expectedVersion',
    async (_, ifMatch) => {
      const product = storedProduct({ version: 3 });
      tableHolds(dynamodb, product);

      const response = await deleteProduct(product.productId, { 'if-match': ifMatch });

      expect(response.statusCode).toBe(204);
      expect(publishedChanges(sns)).toEqual([
        expect.objectContaining({ eventType: 'DELETE', expectedVersion: 3 }),
      ]);
    },
  );

  it('publishes no expectedVersion without If-Match', async () => {
    const product = storedProduct();
    tableHolds(dynamodb, product);

    await deleteProduct(product.productId);

    expect(publishedChanges(sns)[0]).not.toHaveProperty('expectedVersion');
  });

  it.each(ifMatchNeverVersion3)(
    'returns 412 for %s when the product is at version 3, and publishes nothing',
    async (_, ifMatch) => {
      const product = storedProduct({ version: 3 });
      tableHolds(dynamodb, product);

      const response = await deleteProduct(product.productId, { 'If-Match': ifMatch });

      expect(response.statusCode).toBe(412);
      expect(errorOf(response).code).toBe('VERSION_CONFLICT');
      expectNothingPublished();
    },
  );

  it.each(malformedIfMatches)('refuses %s with a 400 naming If-Match', async (_, ifMatch) => {
    const response = await deleteProduct(storedProduct().productId, { 'If-Match': ifMatch });

    expect(response.statusCode).toBe(400);
    expect(fieldsNamedBy(response)).toEqual(['If-Match']);
    expectNothingPublished();
  });
});

describe('DELETE /v1.0/products/{productId} sample events', () => {
  it.each([
    ['delete-product.json', undefined],
    ['delete-product-if-match.json', 3],
  ])(
    'accepts %s for the product a sample POST creates, as the README runs them',
    async (file, expectedVersion) => {
      const event = sampleEvent(`${eventsDir}/${file}`);
      tableHolds(dynamodb, storedProduct({ productId: event.pathParameters?.productId, version: 3 }));

      const response = await invoke(handler, event);

      const [change] = publishedChanges(sns);
      expect(response.statusCode).toBe(204);
      expect(change?.eventType).toBe('DELETE');
      expect(change?.expectedVersion).toBe(expectedVersion);
    },
  );
});
