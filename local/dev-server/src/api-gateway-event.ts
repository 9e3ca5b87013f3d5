import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';

export interface HttpRequest {
  method: string;
  /** Resource template as in serverless.yml, e.g. `/v1.0/products/{productId}`. */
  resource: string;
  /** The request path, e.g. `/v1.0/products/0b7c...`. */
  path: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string | string[]>;
  body?: string | null;
  apiKeyId?: string;
  sourceIp?: string;
  stage?: string;
}

const lastValues = (multi: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(multi).map(([name, values]) => [name, values[values.length - 1] ?? '']));

const asMulti = (values: Record<string, string | string[]> = {}) =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, [value].flat()]));

/** An API Gateway REST proxy event as the deployed API would hand it to a function. */
export const apiGatewayEvent = (request: HttpRequest): APIGatewayProxyEvent => {
  const { method, resource, path, stage = 'local' } = request;
  const multiValueHeaders = asMulti(request.headers);
  const multiValueQueryStringParameters = asMulti(request.query);
  const hasQuery = Object.keys(multiValueQueryStringParameters).length > 0;
  return {
    resource,
    path,
    httpMethod: method,
    headers: lastValues(multiValueHeaders),
    multiValueHeaders,
    queryStringParameters: hasQuery ? lastValues(multiValueQueryStringParameters) : null,
    multiValueQueryStringParameters: hasQuery ? multiValueQueryStringParameters : null,
    pathParameters: request.pathParameters ?? null,
    stageVariables: null,
    body: request.body ?? null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local-rest-api',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: method,
      path: `/${stage}${path}`,
      stage,
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: resource,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: request.apiKeyId ?? 'local-api-key-id',
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp ?? '127.0.0.1',
        user: null,
        userAgent: null,
        userArn: null,
      },
    },
  };
};
