import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DependencyUnavailable, ProductNotFound, ValidationFailed, VersionConflict } from '../../src/errors';
import { productItem } from '../../src/products-table';
import { changeAcceptor, changePublisher, productStore } from '../../src/products';
import type { Product } from '../../src/schemas/product';
import { validateChangeEvent } from '../../src/validation';

const dynamo = mockClient(DynamoDBDocumentClient);
const sns = mockClient(SNSClient);

const productId = '6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b';
const product: Product = {
  productId,
  name: 'Desk lamp',
  price: 19.99,
  currency: 'ZAR',
  active: true,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-02T10:00:00.000Z',
  version: 3,
};
const actor = { apiKeyId: 'key-1', sourceIp: '203.0.113.9', requestId: 'request-1' };
const topicArn = 'arn:aws:sns:eu-west-1:000000000000:bbws-product-events-test';

beforeEach(() => {
  dynamo.reset();
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
});

describe('productStore', () => {
  const store = productStore('products-test');

  it('returns the active product without its key attributes', async () => {
    dynamo.on(GetCommand).resolves({ Item: { ...productItem(product), lastEventId: 'event-9' } });

    await expect(store.findActive(productId)).resolves.toEqual(product);
    expect(dynamo).toHaveReceivedCommandWith(GetCommand, {
      TableName: 'products-test',
      Key: { PK: `PRODUCT#${productId}`, SK: 'METADATA' },
    });
  });

  it('reports a missing product as not found', async () => {
    dynamo.on(GetCommand).resolves({});

    await expect(store.findActive(productId)).rejects.toBeInstanceOf(ProductNotFound);
  });

  it('reports a soft-deleted product as not found', async () => {
    dynamo.on(GetCommand).resolves({ Item: productItem({ ...product, active: false }) });

    await expect(store.findActive(productId)).rejects.toBeInstanceOf(ProductNotFound);
  });

  it('turns a table failure into a dependency error', async () => {
    dynamo.on(GetCommand).rejects(new Error('ProvisionedThroughputExceededException'));

    await expect(store.findActive(productId)).rejects.toBeInstanceOf(DependencyUnavailable);
  });

  it('checks a change with a consistent read and refuses another version', async () => {
    dynamo.on(GetCommand).resolves({ Item: productItem(product) });

    await expect(store.assertChangeable(productId, [2])).rejects.toBeInstanceOf(VersionConflict);
    expect(dynamo).toHaveReceivedCommandWith(GetCommand, { ConsistentRead: true });
  });
});

describe('changePublisher', () => {
  const publish = changePublisher(topicArn);

  it('publishes one schema-valid event with its type as a message attribute', async () => {
    const changeEvent = await publish({ eventType: 'DELETE', productId, actor });

    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.TopicArn).toBe(topicArn);
    expect(input?.MessageAttributes).toEqual({ eventType: { DataType: 'String', StringValue: 'DELETE' } });
    expect(validateChangeEvent(JSON.parse(input?.Message ?? ''))).toEqual(changeEvent);
  });

  it('publishes nothing for a change that would not make a valid event', async () => {
    const invalid = { eventType: 'DELETE', productId: 'not-an-id', actor } as const;

    await expect(publish(invalid)).rejects.toBeInstanceOf(ValidationFailed);
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('turns a topic failure into a dependency error', async () => {
    sns.on(PublishCommand).rejects(new Error('KMSAccessDeniedException'));

    await expect(publish({ eventType: 'DELETE', productId, actor })).rejects.toBeInstanceOf(
      DependencyUnavailable,
    );
  });
});

describe('changeAcceptor', () => {
  const accept = changeAcceptor(productStore('products-test'), changePublisher(topicArn));
  const published = () => JSON.parse(sns.commandCalls(PublishCommand)[0]?.args[0].input.Message ?? '{}');

  beforeEach(() => dynamo.on(GetCommand).resolves({ Item: productItem(product) }));

  it('carries the accepted version the product is at into the event', async () => {
    await accept({ eventType: 'DELETE', productId, acceptedVersions: [2, 3], actor });

    expect(published()).toMatchObject({ eventType: 'DELETE', productId, expectedVersion: 3 });
  });

  it('leaves expectedVersion out without If-Match', async () => {
    const { name, price, currency } = product;
    await accept({ eventType: 'UPDATE', productId, product: { name, price, currency }, actor });

    expect(published()).not.toHaveProperty('expectedVersion');
    expect(published().product).toEqual({ name, price, currency });
  });

  it.each([[[2]], [[]]])('publishes nothing when the accepted versions are %j', async (acceptedVersions) => {
    await expect(accept({ eventType: 'DELETE', productId, acceptedVersions, actor })).rejects.toBeInstanceOf(
      VersionConflict,
    );
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('publishes nothing for a product that does not exist', async () => {
    dynamo.on(GetCommand).resolves({});

    await expect(accept({ eventType: 'DELETE', productId, actor })).rejects.toBeInstanceOf(ProductNotFound);
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });
});
