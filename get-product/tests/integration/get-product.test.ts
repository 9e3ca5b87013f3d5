import './environment';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { productItem, type Product } from '@bbws/core';
import { createAwsClients, type AwsClients } from '@bbws/local-aws';
import { useLocalStack } from '@bbws/testing';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import {
  aProduct,
  errorOf,
  getRequest,
  lambdaContext,
  SAMPLE_PRODUCT_ID,
  sampleEvent,
  softDeleted,
} from '../fixtures';

type Handler = typeof import('../../src/handler').handler;

const stack = useLocalStack();
let aws: AwsClients;
let handler: Handler;

const sampleProduct = aProduct({ productId: SAMPLE_PRODUCT_ID, version: 3 });
const deletedProduct = softDeleted(aProduct({ name: 'Retired kettle' }));

const invoke = (event: APIGatewayProxyEvent) => handler(event, lambdaContext);

beforeAll(async () => {
  const tableName = stack().resource('ProductsTable').name;
  process.env.PRODUCTS_TABLE_NAME = tableName;
  ({ handler } = await import('../../src/handler'));
  aws = createAwsClients(stack().env);
  const documents = DynamoDBDocumentClient.from(aws.dynamodb);
  const put = (product: Product) =>
    documents.send(new PutCommand({ TableName: tableName, Item: productItem(product) }));
  await Promise.all([put(sampleProduct), put(deletedProduct)]);
});

afterAll(() => aws.destroy());

describe('GET /v1.0/products/{productId} against the local table', () => {
  it('returns the product of the existing-product sample event with its version as ETag', async () => {
    const response = await invoke(sampleEvent('existing-product'));

    expect(response.statusCode).toBe(200);
    expect(response.headers.ETag).toBe('"3"');
    expect(JSON.parse(response.body)).toEqual(sampleProduct);
  });

  it('answers 404 for a soft-deleted product', async () => {
    const response = await invoke(getRequest(deletedProduct.productId));

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe('PRODUCT_NOT_FOUND');
  });

  it('answers 404 for a product that was never created', async () => {
    const response = await invoke(getRequest(aProduct().productId));

    expect(response.statusCode).toBe(404);
  });

  it('answers 400 naming productId for the malformed-id sample event', async () => {
    const response = await invoke(sampleEvent('malformed-id'));

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details.map(({ field }) => field)).toEqual(['productId']);
  });
});
