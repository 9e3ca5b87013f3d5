import { CURSOR_SIGNING_KEY, TABLE_NAME } from './environment';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import {
  INDEX_ATTRIBUTES,
  isErrorBody,
  KEY_ATTRIBUTES,
  productItem,
  validatorFor,
  type ErrorBody,
} from '@bbws/core';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler, listProducts } from '../../src/handler';
import { DEFAULT_PAGE_SIZE, productLister } from '../../src/list-products';
import { aProduct, errorOf, fieldsOf, lambdaContext, listRequest, pageOf, sampleEvent } from '../fixtures';

const dynamodb = mockClient(DynamoDBDocumentClient);
const assertErrorBody = validatorFor<ErrorBody>(isErrorBody);

const list = (query?: Record<string, string>) => handler(listRequest(query), lambdaContext);

const PRICE_INDEX_QUERY = {
  TableName: TABLE_NAME,
  IndexName: 'ProductsByPriceIndex',
  KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lower AND :upper',
  ExpressionAttributeNames: { '#pk': 'GSI1_PK', '#sk': 'GSI1_SK' },
};

beforeEach(() => {
  dynamodb.reset();
  dynamodb.on(QueryCommand).resolves({ Items: [] });
});

describe('GET /v1.0/products query', () => {
  it('queries ProductsByPriceIndex in ascending price order, 20 at a time, when no options are given', async () => {
    const response = await list();

    expect(response.statusCode).toBe(200);
    expect(dynamodb).toHaveReceivedCommandTimes(QueryCommand, 1);
    expect(dynamodb).toHaveReceivedCommandWith(QueryCommand, {
      ...PRICE_INDEX_QUERY,
      ExpressionAttributeValues: { ':pk': 'PRODUCTS', ':lower': '000000000000', ':upper': '100000000000$' },
      Limit: 20,
      ScanIndexForward: true,
    });
  });

  it.each([['1'], ['100']])('accepts limit=%s as the page size', async (limit) => {
    const response = await list({ limit });

    expect(response.statusCode).toBe(200);
    expect(dynamodb).toHaveReceivedCommandWith(QueryCommand, { Limit: Number(limit) });
  });

  it.each([['0'], ['101'], ['abc'], ['2.5']])('answers 400 naming limit for limit=%s', async (limit) => {
    const response = await list({ limit });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(response)).toEqual(['limit']);
    expect(dynamodb).not.toHaveReceivedCommand(QueryCommand);
  });

  it.each([
    ['price_asc', true],
    ['price_desc', false],
  ])('reads the index with sort=%s as ScanIndexForward %s', async (sort, forward) => {
    const response = await list({ sort });

    expect(response.statusCode).toBe(200);
    expect(dynamodb).toHaveReceivedCommandWith(QueryCommand, { ScanIndexForward: forward });
  });

  it('answers 400 naming sort for an order it does not know', async () => {
    const response = await list({ sort: 'name_asc' });

    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['sort']);
  });

  it('turns minPrice and maxPrice into inclusive key condition bounds in zero-padded cents', async () => {
    const response = await list({ minPrice: '10', maxPrice: '99.99' });

    expect(response.statusCode).toBe(200);
    expect(dynamodb).toHaveReceivedCommandWith(QueryCommand, {
      ...PRICE_INDEX_QUERY,
      ExpressionAttributeValues: { ':pk': 'PRODUCTS', ':lower': '000000001000', ':upper': '000000009999$' },
    });
  });

  it('reads the price range of the price-range-desc sample event in descending order', async () => {
    const response = await handler(sampleEvent('price-range-desc'), lambdaContext);

    expect(response.statusCode).toBe(200);
    expect(dynamodb).toHaveReceivedCommandWith(QueryCommand, {
      ExpressionAttributeValues: { ':pk': 'PRODUCTS', ':lower': '000000001000', ':upper': '000000009999$' },
      Limit: 5,
      ScanIndexForward: false,
    });
  });

  it('answers 400 naming minPrice when it is above maxPrice', async () => {
    const response = await list({ minPrice: '50', maxPrice: '10' });

    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['minPrice']);
  });

  it.each([['-1'], ['1.999'], ['cheap']])('answers 400 naming minPrice for minPrice=%s', async (minPrice) => {
    const response = await list({ minPrice });

    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['minPrice']);
  });

  it('looks a name up in ProductsByNameIndex by its normalised form', async () => {
    const response = await list({ name: '  Desk   LAMP ' });

    expect(response.statusCode).toBe(200);
    expect(dynamodb).toHaveReceivedCommandWith(QueryCommand, {
      TableName: TABLE_NAME,
      IndexName: 'ProductsByNameIndex',
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'GSI2_PK' },
      ExpressionAttributeValues: { ':pk': 'NAME#desk lamp' },
      Limit: 20,
    });
  });

  it('looks up the name of the by-name sample event', async () => {
    const response = await handler(sampleEvent('by-name'), lambdaContext);

    expect(response.statusCode).toBe(200);
    expect(dynamodb).toHaveReceivedCommandWith(QueryCommand, {
      IndexName: 'ProductsByNameIndex',
      ExpressionAttributeValues: { ':pk': 'NAME#desk lamp' },
    });
  });

  it.each([[{ sort: 'price_desc' }], [{ sort: 'price_asc' }], [{ minPrice: '5' }], [{ maxPrice: '5' }]])(
    'answers 400 naming name when name is combined with %j',
    async (option) => {
      const response = await list({ name: 'Desk lamp', ...option });

      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response)).toEqual(['name']);
      expect(dynamodb).not.toHaveReceivedCommand(QueryCommand);
    },
  );

  it.each([[''], ['   ']])('answers 400 naming name for the blank name %j', async (name) => {
    const response = await list({ name });

    expect(response.statusCode).toBe(400);
    expect(new Set(fieldsOf(response))).toEqual(new Set(['name']));
  });

  it('answers 400 naming a query parameter it does not know', async () => {
    const response = await list({ category: 'lighting' });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(response)).toEqual(['category']);
  });

  it.each([
    ['the first page', {}],
    ['a price range in descending order', { sort: 'price_desc', minPrice: '1', maxPrice: '2' }],
    ['a name lookup', { name: 'Desk lamp' }],
  ])('reads %s with one Query, never a Scan and never a FilterExpression', async (_, query) => {
    await list(query);

    expect(dynamodb).not.toHaveReceivedCommand(ScanCommand);
    expect(dynamodb).toHaveReceivedCommandTimes(QueryCommand, 1);
    const [call] = dynamodb.commandCalls(QueryCommand);
    expect(call?.args[0].input).not.toHaveProperty('FilterExpression');
  });
});

describe('GET /v1.0/products response', () => {
  it('returns the products of the page without their table and index keys', async () => {
    const lamp = aProduct({ price: 12.5 });
    const kettle = aProduct({ name: 'Kettle', price: 30 });
    dynamodb.on(QueryCommand).resolves({ Items: [productItem(lamp), productItem(kettle)] });

    const response = await handler(sampleEvent('first-page'), lambdaContext);

    expect(response.statusCode).toBe(200);
    expect(response.headers['Content-Type']).toBe('application/json');
    expect(pageOf(response)).toEqual({ items: [lamp, kettle], nextCursor: null });
    const keyAttributes: string[] = [...KEY_ATTRIBUTES, ...INDEX_ATTRIBUTES];
    const attributes = pageOf(response).items.flatMap(Object.keys);
    expect(attributes.filter((attribute) => keyAttributes.includes(attribute))).toEqual([]);
  });

  it('returns an empty page with a null nextCursor when nothing matches', async () => {
    dynamodb.on(QueryCommand).resolves({ Count: 0, ScannedCount: 0 });

    const response = await list({ name: 'No such thing' });

    expect(pageOf(response)).toEqual({ items: [], nextCursor: null });
  });

  it('answers 503 with the request id and no internals when DynamoDB fails', async () => {
    dynamodb
      .on(QueryCommand)
      .rejects(new Error('ProvisionedThroughputExceededException: table products-unit'));
    const event = listRequest();

    const response = await handler(event, lambdaContext);

    expect(response.statusCode).toBe(503);
    expect(response.headers['Content-Type']).toBe('application/json');
    const body = assertErrorBody(JSON.parse(response.body));
    expect(body.error).toEqual({
      code: 'DEPENDENCY_UNAVAILABLE',
      message: 'A service the API depends on is unavailable; retry later',
      details: [],
      requestId: event.requestContext.requestId,
    });
    expect(response.body).not.toMatch(/Provisioned|products-unit/u);
  });

  it('answers 500 when DynamoDB returns a LastEvaluatedKey that is not an index key', async () => {
    dynamodb.on(QueryCommand).resolves({ Items: [], LastEvaluatedKey: { PK: 'somewhere else' } });

    const response = await list();

    expect(response.statusCode).toBe(500);
    expect(errorOf(response).code).toBe('INTERNAL_ERROR');
  });
});

describe('listProducts and productLister', () => {
  it('listProducts answers 200 with the page for an already validated query', async () => {
    const lamp = aProduct();
    dynamodb.on(QueryCommand).resolves({ Items: [productItem(lamp)] });
    const event = { ...listRequest(), queryStringParameters: { limit: 5 }, pathParameters: {}, body: null };

    const response = await listProducts(event);

    expect(response.statusCode).toBe(200);
    expect(pageOf(response)).toEqual({ items: [lamp], nextCursor: null });
    expect(dynamodb).toHaveReceivedCommandWith(QueryCommand, { Limit: 5 });
  });

  it('productLister queries the table it was given, DEFAULT_PAGE_SIZE items at a time', async () => {
    const listPage = productLister('another-table', CURSOR_SIGNING_KEY);

    await listPage({});

    expect(dynamodb).toHaveReceivedCommandWith(QueryCommand, {
      TableName: 'another-table',
      Limit: DEFAULT_PAGE_SIZE,
    });
  });
});
