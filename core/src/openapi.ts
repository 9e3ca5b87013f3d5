import { contracts, type ErrorStatus, type HeaderDescription, type OperationContract } from './contracts';
import { MAX_BODY_BYTES } from './http/handler';
import { errorBodySchema } from './schemas/error-body';
import { IDEMPOTENCY_KEY_TTL_SECONDS, productInputSchema, productSchema } from './schemas/product';
import { acceptedChangeSchema, gatewayErrorSchema, productPageSchema } from './schemas/responses';

const serverVariables = {
  apiId: { default: 'example', description: 'RestApiId Output of the infrastructure stack' },
  region: { default: 'eu-west-1' },
  stage: { default: 'dev', enum: ['dev', 'sit', 'prod'] },
};

const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });

const KEY_HOURS = IDEMPOTENCY_KEY_TTL_SECONDS / 3600;

const components = {
  ProductInput: productInputSchema,
  Product: productSchema,
  ProductPage: productPageSchema,
  AcceptedChange: acceptedChangeSchema,
  ErrorBody: errorBodySchema,
  GatewayError: gatewayErrorSchema,
};

/**
 * The OpenAPI content of a contract's body schema: a `$ref` to its component when it is one (by identity:
 * a shape is written once and named once), else the schema itself.
 */
const contentOf = (schema: object) => {
  const component = Object.entries(components).find(([, named]) => named === schema)?.[0];
  return component ? json(component) : { 'application/json': { schema } };
};

const ERRORS: Record<ErrorStatus, string> = {
  400: 'The request is not valid; `details` names each field',
  404: 'No active product has this id',
  409: 'Idempotency-Key replayed for a product deleted since: send a new key to create it again',
  412: 'No ETag of If-Match is the current version (strong comparison: weak ETags never match)',
  413: `The body is larger than ${MAX_BODY_BYTES} bytes`,
  415: 'The body is not application/json',
  422: `Idempotency-Key already used, within its ${KEY_HOURS} hours, with another body; nothing was changed`,
  500: 'Unexpected failure; quote the requestId',
  503: 'A dependency (table or topic) is unavailable; nothing was changed, retry later',
};

const errorResponses = (errors: OperationContract['errors']) =>
  Object.fromEntries(
    Object.entries(errors).map(([status, codes]) => [
      status,
      {
        description: `${ERRORS[Number(status) as ErrorStatus]} (\`error.code\`: ${codes.map((code) => `\`${code}\``).join(', ')})`,
        content: json('ErrorBody'),
      },
    ]),
  );

const gatewayErrors = {
  '403': { description: 'Missing or wrong x-api-key (API Gateway)', content: json('GatewayError') },
  '429': { description: 'Throttled or over the daily quota (API Gateway)', content: json('GatewayError') },
};

const headerParameter = ({ name, description, schema }: HeaderDescription) => ({
  name,
  in: 'header',
  required: false,
  description,
  schema,
});

const responseHeaders = (headers: readonly HeaderDescription[]) =>
  Object.fromEntries(headers.map(({ name, description, schema }) => [name, { description, schema }]));

const parametersOf = ({ query, headers = [] }: OperationContract['request']): OpenApiParameter[] => [
  ...Object.entries(query?.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    schema,
  })),
  ...headers.map(headerParameter),
];

const pathParametersOf = ({ path }: OperationContract['request']): OpenApiParameter[] =>
  Object.entries((path as { properties?: Record<string, object> } | undefined)?.properties ?? {}).map(
    ([name, schema]) => ({ name, in: 'path', required: true, schema }),
  );

interface OpenApiParameter {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema: object;
}

interface OpenApiOperation {
  operationId: string;
  summary: string;
  parameters: OpenApiParameter[];
  requestBody?: object;
  responses: Record<string, { description: string; headers?: object; content?: object }>;
}

type Contract = (typeof contracts)[keyof typeof contracts];

/** The document's paths, typed by the contracts: `paths['/v1.0/products'].get` is there because a contract says so. */
type OpenApiPaths = {
  [Path in Contract['path']]: { parameters?: OpenApiParameter[] } & {
    [Operation in Extract<Contract, { path: Path }> as Lowercase<Operation['method']>]: OpenApiOperation;
  };
};

const operationOf = ({
  operationId,
  summary,
  request,
  responses,
  errors,
}: OperationContract): OpenApiOperation => ({
  operationId,
  summary,
  parameters: parametersOf(request),
  ...(request.body ? { requestBody: { required: true, content: contentOf(request.body) } } : {}),
  responses: {
    ...Object.fromEntries(
      Object.entries(responses).map(([status, { description, body, headers }]) => [
        status,
        {
          description,
          ...(headers ? { headers: responseHeaders(headers) } : {}),
          ...(body ? { content: contentOf(body) } : {}),
        },
      ]),
    ),
    ...errorResponses(errors),
    ...gatewayErrors,
  },
});

/** One path item per contract path, its path parameters once, an operation per method. */
const pathsOf = (operations: readonly OperationContract[]): OpenApiPaths => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const contract of operations) {
    const pathParameters = pathParametersOf(contract.request);
    paths[contract.path] ??= pathParameters.length > 0 ? { parameters: pathParameters } : {};
    paths[contract.path] = {
      ...paths[contract.path],
      [contract.method.toLowerCase()]: operationOf(contract),
    };
  }
  return paths as OpenApiPaths;
};

/** The OpenAPI 3.1 document of the product API, built from the operations' contracts (core/src/contracts). */
export const openApiDocument = () => ({
  openapi: '3.1.0',
  info: {
    title: 'BBWS Product API',
    version: '1.0.0',
    description:
      'Product catalogue. Writes are asynchronous: POST, PUT and DELETE validate, publish a change and return; ' +
      'the change is applied within seconds.',
    license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
  },
  servers: [
    { url: 'https://{apiId}.execute-api.{region}.amazonaws.com/{stage}', variables: serverVariables },
  ],
  security: [{ apiKey: [] }],
  paths: pathsOf(Object.values(contracts)),
  components: {
    securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
    schemas: components,
  },
});
