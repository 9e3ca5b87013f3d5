import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorBody, Product } from '@bbws/core';
import { apiGatewayEvent } from '@bbws/dev-server';
import { aProduct, fakeLambdaContext } from '@bbws/testing';
import type { APIGatewayProxyEvent } from 'aws-lambda';

/** A sample event from events/, the same files `serverless invoke local --path` reads; fresh on each call. */
export const sampleEvent = (name: 'first-page' | 'by-name' | 'price-range-desc'): APIGatewayProxyEvent =>
  JSON.parse(
    readFileSync(path.join(__dirname, '..', 'events', `${name}.json`), 'utf8'),
  ) as APIGatewayProxyEvent;

/** GET /v1.0/products with this query string, as API Gateway hands it over. */
export const listRequest = (query?: Record<string, string>): APIGatewayProxyEvent =>
  apiGatewayEvent({ method: 'GET', resource: '/v1.0/products', path: '/v1.0/products', query });

export const lambdaContext = fakeLambdaContext();

export { aProduct };

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
