import { randomUUID } from 'node:crypto';
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
