import { CURSOR_SIGNING_KEY } from './environment';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { INDEX_ATTRIBUTES, KEY_ATTRIBUTES, productItem, type Product } from '@bbws/core';
import { createAwsClients, type AwsClients } from '@bbws/local-aws';
import { useLocalStack } from '@bbws/testing';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { aProduct, errorOf, lambdaContext, listRequest, pageOf, sampleEvent } from '../fixtures';

type Handler = typeof import('../../src/handler').handler;

const stack = useLocalStack();
let aws: AwsClients;
let handler: Handler;

const deskLamp = aProduct({ name: 'Desk Lamp', price: 49.99 });
const activeProducts: Product[] = [
  aProduct({ name: 'Candle', price: 5 }),
  aProduct({ name: 'Mug', price: 12.5 }),
  aProduct({ name: 'Bowl', price: 12.5 }),
  aProduct({ name: 'Teapot', price: 19.99 }),
  aProduct({ name: 'Kettle', price: 30 }),
  deskLamp,
  aProduct({ name: 'Vase', price: 99.99 }),
  aProduct({ name: 'Armchair', price: 150 }),
];
const deletedLamp = aProduct({
  name: 'desk lamp',
  price: 1,
  active: false,
  version: 3,
  deletedAt: '2025-11-22T08:00:00.000Z',
});

// Price order, and productId order between equal prices: the order of the index's sort key.
const byPrice = (a: Product, b: Product) => a.price - b.price || (a.productId < b.productId ? -1 : 1);
const idsOf = (products: Product[]) => products.map(({ productId }) => productId);
const priceOrder = idsOf([...activeProducts].sort(byPrice));

const invoke = (event: APIGatewayProxyEvent) => handler(event, lambdaContext);

/** Every page of a listing, following nextCursor until it is null. */
const allPages = async (query: Record<string, string>) => {
  const pages = [];
  let cursor: string | null = null;
  do {
    const response = await invoke(listRequest(cursor === null ? query : { ...query, cursor }));
    expect(response.statusCode).toBe(200);
    const page = pageOf(response);
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length <= activeProducts.length);
  return pages;
};

beforeAll(async () => {
  const tableName = stack().resource('ProductsTable').name;
  process.env.PRODUCTS_TABLE_NAME = tableName;
  process.env.CURSOR_SIGNING_KEY = CURSOR_SIGNING_KEY;
  ({ handler } = await import('../../src/handler'));
  aws = createAwsClients(stack().env);
  const documents = DynamoDBDocumentClient.from(aws.dynamodb);
  await Promise.all(
    [...activeProducts, deletedLamp].map((product) =>
      documents.send(new PutCommand({ TableName: tableName, Item: productItem(product) })),
    ),
  );
});

afterAll(() => aws.destroy());

describe('GET /v1.0/products against the local table', () => {
  it('pages through every active product in price order with no duplicates and no gaps', async () => {
    const pages = await allPages({ limit: '3' });

    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.slice(0, -1).every((items) => items.length === 3)).toBe(true);
    expect(idsOf(pages.flat())).toEqual(priceOrder);
  });

  it('pages through products in descending price order with sort=price_desc', async () => {
    const pages = await allPages({ sort: 'price_desc', limit: '3' });

    expect(idsOf(pages.flat())).toEqual([...priceOrder].reverse());
  });

  it('includes products priced exactly at minPrice and maxPrice', async () => {
    const response = await invoke(listRequest({ minPrice: '12.50', maxPrice: '99.99' }));

    expect(pageOf(response).items.map(({ price }) => price)).toEqual([12.5, 12.5, 19.99, 30, 49.99, 99.99]);
  });

  it('returns the first page of the price-range-desc sample event, highest price first', async () => {
    const response = await invoke(sampleEvent('price-range-desc'));

    const { items, nextCursor } = pageOf(response);
    expect(items.map(({ price }) => price)).toEqual([99.99, 49.99, 30, 19.99, 12.5]);
    expect(nextCursor).toEqual(expect.any(String));
  });

  it('finds a product by name whatever its case and spacing, leaving out a soft-deleted namesake', async () => {
    const response = await invoke(listRequest({ name: '  desk   LAMP ' }));

    expect(pageOf(response)).toEqual({ items: [deskLamp], nextCursor: null });
  });

  it('finds the product of the by-name sample event', async () => {
    const response = await invoke(sampleEvent('by-name'));

    expect(idsOf(pageOf(response).items)).toEqual([deskLamp.productId]);
  });

  it('leaves soft-deleted products out of the listing and its items free of keys', async () => {
    const response = await invoke(sampleEvent('first-page'));

    const { items, nextCursor } = pageOf(response);
    expect(idsOf(items)).toEqual(priceOrder);
    expect(idsOf(items)).not.toContain(deletedLamp.productId);
    expect(nextCursor).toBeNull();
    const keyAttributes: string[] = [...KEY_ATTRIBUTES, ...INDEX_ATTRIBUTES];
    expect(items.flatMap(Object.keys).filter((attribute) => keyAttributes.includes(attribute))).toEqual([]);
  });

  it('answers 400 INVALID_CURSOR for a cursor it did not issue', async () => {
    const response = await invoke(listRequest({ cursor: 'c1.eyJQSyI6IlBST0RVQ1QjeCJ9.AAAA' }));

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('INVALID_CURSOR');
  });
});
