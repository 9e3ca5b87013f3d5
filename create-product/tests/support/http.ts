import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ErrorBody, HttpResponse } from '@bbws/core';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<HttpResponse>;

const lambdaContext = (): Context => ({
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

/** Runs an event through a wrapped handler, as Lambda would. */
export const invoke = (handler: ApiHandler, event: APIGatewayProxyEvent): Promise<HttpResponse> =>
  handler(event, lambdaContext());

export const errorOf = (response: HttpResponse): ErrorBody['error'] =>
  (JSON.parse(response.body) as ErrorBody).error;

/** The fields a 400 names, in order and without repeats. */
export const fieldsNamedBy = (response: HttpResponse): string[] => [
  ...new Set(errorOf(response).details.map(({ field }) => field)),
];

/** A sample event from a service's `events/` folder, the file `serverless invoke local --path` takes. */
export const sampleEvent = (file: string): APIGatewayProxyEvent =>
  JSON.parse(readFileSync(file, 'utf8')) as APIGatewayProxyEvent;
