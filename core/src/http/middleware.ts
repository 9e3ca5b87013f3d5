import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { PayloadTooLarge, toErrorResponse, ValidationFailed } from '../errors';
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

type RequestContext = APIGatewayProxyEvent['requestContext'];

/**
 * API Gateway sends null for absent headers, path and query parameters; everything after wants objects.
 * A hand-written event (`serverless invoke local --data '{"pathParameters":...}'`) may also lack the
 * request context: it gets the invocation's request id and an empty identity rather than a TypeError.
 */
const assertProxyEvent = (event: unknown) => {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new ValidationFailed(
      [
        {
          field: '(event)',
          message: 'must be an API Gateway REST proxy event, such as the files in events/',
        },
      ],
      'The event is not an API Gateway request',
    );
  }
};

const fillRequestContext = (event: APIGatewayProxyEvent, requestId: string) => {
  event.requestContext ??= {} as RequestContext;
  event.requestContext.requestId ??= requestId;
  event.requestContext.identity ??= {} as RequestContext['identity'];
  event.requestContext.path ??= event.path ?? '';
};

export const emptyParameters = (): Middleware => ({
  before: ({ event, context }) => {
    assertProxyEvent(event);
    fillRequestContext(event, context.awsRequestId);
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
    const requestId = request.event?.requestContext?.requestId ?? request.context.awsRequestId;
    const { statusCode, body } = toErrorResponse(request.error, requestId);
    if (statusCode >= 500) logger.error('request failed', { statusCode, error: request.error });
    else logger.info('request refused', { statusCode, code: body.error.code, details: body.error.details });
    request.response = errorJson(statusCode, body);
  },
});

// 'none' is how a stage says it allows no browser origin: compose passes params as --param="k=v" and
// osls refuses an empty value, so the infrastructure Output and the functions' param are never ''.
const NO_ORIGINS = new Set(['', 'none']);

/** Response headers a browser script may read besides the CORS-safelisted ones. */
export const CORS_EXPOSED_HEADERS = 'ETag, Location, x-amzn-RequestId';

/**
 * CORS for browser callers: an Origin matching `allowedOrigins` (a regular expression over the whole
 * header; 'none' or '' allows none) is named in `Access-Control-Allow-Origin` on every answer, errors included.
 * Register first, so it runs after the error mapping has built the response.
 */
export const cors = (allowedOrigins: string): Middleware => {
  const allowed = NO_ORIGINS.has(allowedOrigins) ? undefined : new RegExp(allowedOrigins);
  const addHeaders: Middleware['after'] = ({ event, response }) => {
    if (!allowed || !response) return;
    const origin = event?.headers?.origin ?? event?.headers?.Origin;
    response.headers = { ...response.headers, Vary: 'Origin' };
    if (origin === undefined || !allowed.test(origin)) return;
    response.headers['Access-Control-Allow-Origin'] = origin;
    response.headers['Access-Control-Expose-Headers'] = CORS_EXPOSED_HEADERS;
  };
  return { after: addHeaders, onError: addHeaders };
};
