import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import validator from '@middy/validator';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { allOf, compileSchema } from '../validation';
import {
  bodyLimit,
  cors,
  emptyParameters,
  errorResponses,
  mediaTypeCase,
  requestContext,
} from './middleware';
import type { HttpResponse } from './responses';

/** Largest request body the API accepts; API Gateway's own limit is far higher. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface RequestSchemas {
  /** JSON body schema; requests with it must be `application/json` (415) of at most 64 KiB (413). */
  body?: object;
  pathParameters?: object;
  queryStringParameters?: object;
}

const eventSchema = (parts: Record<string, object | undefined>) => {
  const properties = Object.fromEntries(Object.entries(parts).filter(([, schema]) => schema !== undefined));
  return { type: 'object', properties, required: Object.keys(properties) };
};

/**
 * Wraps domain code as an API Gateway handler: CORS for allowed origins, normalised headers, request ids in logs, JSON body parsing,
 * validation against the given schemas and one error mapping. Call it at module scope: it compiles the
 * schemas once per cold start. The body is validated without type coercion; path and query strings with it.
 */
export const httpHandler = <TEvent>(
  handler: (event: TEvent, context: Context) => Promise<HttpResponse>,
  { body, pathParameters, queryStringParameters }: RequestSchemas = {},
) => {
  const chain = middy<APIGatewayProxyEvent, HttpResponse>(
    handler as unknown as (event: APIGatewayProxyEvent, context: Context) => Promise<HttpResponse>,
  )
    // Browser origins allowed by the stage (config/cors.yml); none when unset.
    .use(cors(process.env.CORS_ALLOWED_ORIGINS ?? ''))
    .use(emptyParameters())
    .use(httpHeaderNormalizer())
    .use(requestContext());
  if (body) chain.use(bodyLimit(MAX_BODY_BYTES)).use(mediaTypeCase()).use(httpJsonBodyParser());
  // One validator over both parts, so a request with a bad body and a bad id hears about both.
  const validators = [
    ...(body ? [compileSchema(eventSchema({ body }))] : []),
    ...(pathParameters || queryStringParameters
      ? [compileSchema(eventSchema({ pathParameters, queryStringParameters }), { coerceTypes: true })]
      : []),
  ];
  if (validators.length > 0) chain.use(validator({ eventSchema: allOf(validators) }));
  return chain.use(errorResponses());
};
