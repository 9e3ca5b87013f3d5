import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { aProduct } from '@bbws/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DependencyUnavailable } from '../../src/errors';
import {
  nameQuery,
  priceIndexKeys,
  priceQuery,
  productItem,
  productKey,
  productPages,
  productReader,
} from '../../src/products-table';

const dynamo = mockClient(DynamoDBDocumentClient);
const tableName = 'products-test';
const lamp = aProduct({ price: 19.99 });
const { productId } = lamp;
const lampPriceKey = { ...productKey(productId), ...priceIndexKeys(lamp) };

beforeEach(() => dynamo.reset());

describe('productReader', () => {
  const products = productReader(tableName);

  it('reads a product by its key and returns it without keys or bookkeeping', async () => {
    dynamo.on(GetCommand).resolves({ Item: { ...productItem(lamp), lastEventId: 'event-9' } });

    const found = await products.find(productId, { consistent: true });

    expect(found).toEqual(lamp);
    expect(dynamo).toHaveReceivedCommandWith(GetCommand, {
      TableName: tableName,
      Key: productKey(productId),
      ConsistentRead: true,
    });
  });

  it('returns a soft-deleted product as stored, inactive', async () => {
    dynamo.on(GetCommand).resolves({ Item: productItem({ ...lamp, active: false }) });

    await expect(products.find(productId)).resolves.toMatchObject({ productId, active: false });
  });

  it('returns undefined when no item has the key', async () => {
    dynamo.on(GetCommand).resolves({});

    await expect(products.find(productId)).resolves.toBeUndefined();
  });

  it('reports a failed read as the products table being unavailable', async () => {
    dynamo.on(GetCommand).rejects(new Error('throttled'));

    await expect(products.find(productId)).rejects.toThrow(DependencyUnavailable);
  });
});

describe('productPages', () => {
  const readPage = productPages(tableName);

  it('reads one page of the price listing with one Query on ProductsByPriceIndex', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [productItem(lamp)], LastEvaluatedKey: lampPriceKey });

    const page = await readPage(priceQuery(10), { ascending: false, limit: 1 });

    expect(page).toEqual({ products: [lamp], lastKey: lampPriceKey });
    expect(dynamo).toHaveReceivedCommandWith(QueryCommand, {
      TableName: tableName,
      IndexName: 'ProductsByPriceIndex',
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lower AND :upper',
      ExpressionAttributeNames: { '#pk': 'GSI1_PK', '#sk': 'GSI1_SK' },
      ExpressionAttributeValues: { ':pk': 'PRODUCTS', ':lower': '000000001000', ':upper': '100000000000$' },
      Limit: 1,
      ScanIndexForward: false,
    });
  });

  it('continues from the key a previous page ended at', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });

    const page = await readPage(priceQuery(), { ascending: true, limit: 20, startKey: lampPriceKey });

    expect(page).toEqual({ products: [], lastKey: undefined });
    expect(dynamo).toHaveReceivedCommandWith(QueryCommand, { ExclusiveStartKey: lampPriceKey });
  });

  it('looks a name up on ProductsByNameIndex by its normalised form', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });

    await readPage(nameQuery('  DESK  lamp'), { ascending: true, limit: 20 });

    expect(dynamo).toHaveReceivedCommandWith(QueryCommand, {
      IndexName: 'ProductsByNameIndex',
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'GSI2_PK' },
      ExpressionAttributeValues: { ':pk': 'NAME#desk lamp' },
    });
  });

  it.each<[string, Record<string, unknown>]>([
    ['a missing attribute', { PK: lampPriceKey.PK, SK: 'METADATA', GSI1_PK: 'PRODUCTS' }],
    ['an extra attribute', { ...lampPriceKey, price: '19.99' }],
    ['a non-string attribute', { ...lampPriceKey, GSI1_SK: 1999 }],
    ['a foreign partition key', { ...lampPriceKey, PK: 'USER#1' }],
  ])('refuses a LastEvaluatedKey with %s rather than hand it out', async (_, lastEvaluatedKey) => {
    dynamo.on(QueryCommand).resolves({ Items: [], LastEvaluatedKey: lastEvaluatedKey });

    await expect(readPage(priceQuery(), { ascending: true, limit: 1 })).rejects.toThrow(
      'does not have the key attributes',
    );
  });

  it('reports a failed Query as the products table being unavailable', async () => {
    dynamo.on(QueryCommand).rejects(new Error('throttled'));

    await expect(readPage(priceQuery(), { ascending: true, limit: 1 })).rejects.toThrow(
      DependencyUnavailable,
    );
  });
});
