import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ValidationFailed } from '../errors';
import type { Actor } from '../schemas/change-event';

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

const ENTITY_TAG = /^(?:W\/)?(?:"([1-9]\d{0,14})"|([1-9]\d{0,14}))$/;

/** The version an `If-Match` header demands, or undefined when the header is absent or `*`. */
export const expectedVersionFrom = (headers: Record<string, string | undefined>): number | undefined => {
  const ifMatch = headers['if-match']?.trim();
  if (ifMatch === undefined || ifMatch === '*') return undefined;
  const [, quoted, bare] = ENTITY_TAG.exec(ifMatch) ?? [];
  const version = quoted ?? bare;
  if (version === undefined) {
    throw new ValidationFailed([
      { field: 'If-Match', message: 'must be the ETag of a product version, e.g. "3"' },
    ]);
  }
  return Number(version);
};

/** The ETag of a product version, as GET returns it and If-Match expects it. */
export const entityTag = (version: number): string => `"${version}"`;
