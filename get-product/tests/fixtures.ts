import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isErrorBody, validatorFor, type ErrorBody, type Product } from '@bbws/core';
import { apiGatewayEvent } from '@bbws/dev-server';
import { aProduct as aSampleProduct, fakeLambdaContext } from '@bbws/testing';
import type { APIGatewayProxyEvent } from 'aws-lambda';

/** A sample event from events/, the same files `serverless invoke local --path` reads; fresh on each call. */
export const sampleEvent = (name: 'existing-product' | 'malformed-id'): APIGatewayProxyEvent =>
  JSON.parse(
    readFileSync(path.join(__dirname, '..', 'events', `${name}.json`), 'utf8'),
  ) as APIGatewayProxyEvent;

/** The product id in the existing-product sample event (the one its keyed POST sample creates). */
export const SAMPLE_PRODUCT_ID = sampleEvent('existing-product').pathParameters?.productId ?? '';

/** GET /v1.0/products/{productId}, as API Gateway hands it over. */
export const getRequest = (productId: string, headers?: Record<string, string>): APIGatewayProxyEvent =>
  apiGatewayEvent({
    method: 'GET',
    resource: '/v1.0/products/{productId}',
    path: `/v1.0/products/${productId}`,
    pathParameters: { productId },
    headers,
  });

export const lambdaContext = fakeLambdaContext();

/** The product get-product's samples name: a product at version 4 with an image. */
export const aProduct = (overrides: Partial<Product> = {}): Product =>
  aSampleProduct({ imageUrl: 'https://images.example.com/desk-lamp.jpg', version: 4, ...overrides });

export const softDeleted = (product: Product): Product => ({
  ...product,
  active: false,
  version: product.version + 1,
  deletedAt: '2025-11-22T08:00:00.000Z',
});

const validateErrorBody = validatorFor<ErrorBody>(isErrorBody);

/** The error of an error response, which must have exactly the API's error body shape. */
export const errorOf = (response: { body: string }): ErrorBody['error'] =>
  validateErrorBody(JSON.parse(response.body)).error;
