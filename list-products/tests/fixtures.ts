import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorBody, Product } from '@bbws/core';
import { apiGatewayEvent } from '@bbws/local';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

/** A sample event from events/, the same files `serverless invoke local --path` reads; fresh on each call. */
export const sampleEvent = (name: 'first-page' | 'by-name' | 'price-range-desc'): APIGatewayProxyEvent =>
  JSON.parse(
    readFileSync(path.join(__dirname, '..', 'events', `${name}.json`), 'utf8'),
  ) as APIGatewayProxyEvent;

/** GET /v1.0/products with this query string, as API Gateway hands it over. */
export const listRequest = (query?: Record<string, string>): APIGatewayProxyEvent =>
  apiGatewayEvent({ method: 'GET', resource: '/v1.0/products', path: '/v1.0/products', query });

export const lambdaContext = {
  awsRequestId: 'lambda-request-id',
  getRemainingTimeInMillis: () => 6000,
} as unknown as Context;

export const aProduct = (overrides: Partial<Product> = {}): Product => ({
  productId: randomUUID(),
  name: 'Desk lamp',
  description: 'Brass desk lamp with a linen shade',
  price: 49.99,
  currency: 'ZAR',
  category: 'lighting',
  sku: 'LAMP-001',
  active: true,
  createdAt: '2025-11-20T09:00:00.000Z',
  updatedAt: '2025-11-21T10:30:00.000Z',
  version: 2,
  ...overrides,
});

export interface ProductPageBody {
  items: Product[];
  nextCursor: string | null;
}

export const pageOf = (response: { body: string }): ProductPageBody =>
  JSON.parse(response.body) as ProductPageBody;

export const errorOf = (response: { body: string }): ErrorBody['error'] =>
  (JSON.parse(response.body) as ErrorBody).error;

export const fieldsOf = (response: { body: string }): string[] =>
  errorOf(response).details.map(({ field }) => field);
