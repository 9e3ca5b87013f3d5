import { readFileSync } from 'node:fs';
import type { ErrorBody, HttpResponse } from '@bbws/core';
import { fakeLambdaContext } from '@bbws/testing';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<HttpResponse>;

/** Runs an event through a wrapped handler, as Lambda would. */
export const invoke = (handler: ApiHandler, event: APIGatewayProxyEvent): Promise<HttpResponse> =>
  handler(event, fakeLambdaContext());

export const errorOf = (response: HttpResponse): ErrorBody['error'] =>
  (JSON.parse(response.body) as ErrorBody).error;

/** The fields a 400 names, in order and without repeats. */
export const fieldsNamedBy = (response: HttpResponse): string[] => [
  ...new Set(errorOf(response).details.map(({ field }) => field)),
];

/** A sample event from a service's `events/` folder, the file `serverless invoke local --path` takes. */
export const sampleEvent = (file: string): APIGatewayProxyEvent =>
  JSON.parse(readFileSync(file, 'utf8')) as APIGatewayProxyEvent;
