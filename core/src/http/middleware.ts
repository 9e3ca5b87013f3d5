import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { PayloadTooLarge, toErrorResponse } from '../errors';
import { logger, withRequestContext } from '../logger';
import { recordColdStart } from '../observability/metrics';
import { errorJson, type HttpResponse } from './responses';

type Middleware = MiddlewareObj<APIGatewayProxyEvent, HttpResponse>;

/** Tags the request's log lines with its request id and the caller's correlation id, if any. */
export const requestContext = (): Middleware => ({
  before: ({ event }) => {
    const requestId = event.requestContext.requestId;
    withRequestContext({ requestId, correlationId: event.headers['x-correlation-id'] ?? requestId });
  },
});

/** Emits the ColdStart metric on an execution environment's first request. */
export const coldStartMetric = (): Middleware => ({
  before: () => recordColdStart(),
});

/** API Gateway sends null for absent headers, path and query parameters; everything after wants objects. */
export const emptyParameters = (): Middleware => ({
  before: ({ event }) => {
    event.headers ??= {};
    event.multiValueHeaders ??= {};
    event.pathParameters ??= {};
    event.queryStringParameters ??= {};
  },
});

/** Media types are case-insensitive (RFC 9110 §8.3.1); the JSON body parser compares them as written. */
export const mediaTypeCase = (): Middleware => ({
  before: ({ event }) => {
    const contentType = event.headers['content-type'];
    if (contentType === undefined) return;
    const [mediaType = '', ...parameters] = contentType.split(';');
    event.headers['content-type'] = [mediaType.trim().toLowerCase(), ...parameters].join(';');
  },
});

/** Refuses a body over `maxBytes` before anything parses it (413). */
export const bodyLimit = (maxBytes: number): Middleware => ({
  before: ({ event }) => {
    if (event.body == null) return;
    const bytes = Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
    if (bytes > maxBytes) throw new PayloadTooLarge(maxBytes);
  },
});

/** Register last: turns anything thrown into the API's JSON error body, revealing no internals. */
export const errorResponses = (): Middleware => ({
  onError: (request) => {
    const requestId = request.event.requestContext?.requestId ?? request.context.awsRequestId;
    const { statusCode, body } = toErrorResponse(request.error, requestId);
    if (statusCode >= 500) logger.error('request failed', { statusCode, error: request.error });
    else logger.info('request refused', { statusCode, code: body.error.code, details: body.error.details });
    request.response = errorJson(statusCode, body);
  },
});
