import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import validator from '@middy/validator';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import type { ValidatedContract } from '../contracts';
import { allOf } from '../validation';
import {
  bodyLimit,
  coldStartMetric,
  cors,
  emptyParameters,
  errorResponses,
  mediaTypeCase,
  requestContext,
} from './middleware';
import type { HttpResponse } from './responses';

/** Largest request body the API accepts; API Gateway's own limit is far higher. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Wraps domain code as the API Gateway handler of an operation: the ColdStart metric, CORS for allowed
 * origins, normalised headers, request ids in logs, JSON body parsing, validation of what the contract
 * describes and one error mapping. A body must be `application/json` (415) of at most 64 KiB (413). The
 * validators are generated at build time from the contract's schemas; the body's without type coercion,
 * path and query strings' with it.
 */
export const httpHandler = <TEvent>(
  handler: (event: TEvent, context: Context) => Promise<HttpResponse>,
  { validators: { body, parameters } }: ValidatedContract,
) => {
  const chain = middy<APIGatewayProxyEvent, HttpResponse>(
    handler as unknown as (event: APIGatewayProxyEvent, context: Context) => Promise<HttpResponse>,
  )
    .use(coldStartMetric())
    // Browser origins allowed by the stage (config/cors.yml); none when unset.
    .use(cors(process.env.CORS_ALLOWED_ORIGINS ?? ''))
    .use(emptyParameters())
    .use(httpHeaderNormalizer())
    .use(requestContext());
  if (body) chain.use(bodyLimit(MAX_BODY_BYTES)).use(mediaTypeCase()).use(httpJsonBodyParser());
  // One validator over both parts, so a request with a bad body and a bad id hears about both.
  const validators = [body, parameters].filter((validate) => validate !== undefined);
  if (validators.length > 0) chain.use(validator({ eventSchema: allOf(validators) }));
  return chain.use(errorResponses());
};
