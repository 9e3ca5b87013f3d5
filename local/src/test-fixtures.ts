import { randomUUID } from 'node:crypto';
import type { Product } from '@bbws/core';
import type { Context } from 'aws-lambda';

/** For tests: a Lambda context as the runtime passes it to a handler, with a fresh request id. */
export const fakeLambdaContext = (): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'bbws-product-api-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:bbws-product-api-test',
  memoryLimitInMB: '512',
  awsRequestId: randomUUID(),
  logGroupName: '/aws/lambda/bbws-product-api-test',
  logStreamName: 'test',
  getRemainingTimeInMillis: () => 6000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** For tests: a complete, active, schema-valid product with a fresh id; `overrides` changes any part. */
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
