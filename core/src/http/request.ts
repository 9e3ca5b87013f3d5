import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Actor } from '../schemas/change-event';
import type { ProductPath } from '../schemas/requests';
import { parseEntityTags, versionsMatchedStrongly, type EntityTagCondition } from './conditional';

/** An API Gateway proxy event after parsing and validation: body, path and query typed by their schemas. */
export type HttpEvent<
  TBody = unknown,
  TPath = Record<string, string>,
  TQuery = Record<string, string | undefined>,
> = Omit<APIGatewayProxyEvent, 'body' | 'pathParameters' | 'queryStringParameters'> & {
  body: TBody;
  pathParameters: TPath;
  queryStringParameters: TQuery;
};

type RequestMetadata = Pick<APIGatewayProxyEvent, 'requestContext'>;

/** Who made the request, as recorded in change events. API Gateway fills every field for private methods. */
export const actorOf = ({ requestContext }: RequestMetadata): Actor => ({
  apiKeyId: requestContext.identity.apiKeyId || 'none',
  sourceIp: requestContext.identity.sourceIp || 'unknown',
  requestId: requestContext.requestId,
});

/** Every value of a request header, from all its lines: API Gateway keeps repeated lines apart. */
export const headerValues = (
  { headers, multiValueHeaders }: Pick<APIGatewayProxyEvent, 'headers' | 'multiValueHeaders'>,
  name: string,
): string[] | undefined => {
  const lines = multiValueHeaders?.[name];
  if (lines && lines.length > 0) return lines;
  const value = headers?.[name];
  return value === undefined ? undefined : [value];
};

type HeaderSource = Pick<APIGatewayProxyEvent, 'headers' | 'multiValueHeaders'>;

/**
 * The product versions `If-Match` accepts (strong comparison), or undefined when any version will do.
 * An empty list means nothing can match: the request is refused with 412.
 */
export const ifMatchVersions = (event: HeaderSource): number[] | undefined =>
  versionsMatchedStrongly(parseEntityTags('If-Match', headerValues(event, 'if-match')));

/** The parsed `If-None-Match` of a GET, or undefined when absent. */
export const ifNoneMatch = (event: HeaderSource): EntityTagCondition | undefined =>
  parseEntityTags('If-None-Match', headerValues(event, 'if-none-match'));

/**
 * Where an accepted product will be: the request's own path (with the stage, or the custom domain's base
 * path) for `/products/{productId}`, or that path plus the id for `/products`.
 */
export const productLocation = ({ requestContext }: RequestMetadata, productId: string): string => {
  // An event without a path (a hand-written invoke local event) still gets the API's product path.
  const requestPath = (requestContext.path || '/v1.0/products').replace(/\/+$/, '');
  return requestPath.endsWith(`/${productId}`) ? requestPath : `${requestPath}/${productId}`;
};

/**
 * What a change of one product (PUT, DELETE) takes from its request, parsed: the product's id, the versions
 * `If-Match` accepts (undefined when any will do) and who asks.
 */
export const changeTargetOf = (event: HeaderSource & RequestMetadata & { pathParameters: ProductPath }) => ({
  productId: event.pathParameters.productId,
  acceptedVersions: ifMatchVersions(event),
  actor: actorOf(event),
});
