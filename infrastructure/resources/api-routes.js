'use strict';

// The API Gateway resource of every path the operations' contracts name (core/src/contracts), with its
// CORS preflight and the Output its function services read (`<name>ResourceId`, config/http-routes.js):
// `/v1.0/products` is ProductsResource, `/v1.0/products/{productId}` ProductResource under it. Function
// services attach their methods to these and never create path parts of their own (api.yml).
const { contracts, resourceParamOf } = require('../../config/http-routes');

const capitalised = (name) => `${name[0].toUpperCase()}${name.slice(1)}`;
/** `/v1.0/products/{productId}` -> `Product` (ProductResource, ProductPreflightMethod, ProductResourceId). */
const nameOf = (path) => capitalised(resourceParamOf(path).replace(/ResourceId$/, ''));

// CORS preflight, answered by the gateway: no key, no function. The Origin is echoed only when it matches
// the stage's allowed origins (the local gateway reads the same expression from this template).
const preflight = (resource) => ({
  Type: 'AWS::ApiGateway::Method',
  Condition: 'AllowsBrowserOrigins',
  Properties: {
    RestApiId: { Ref: 'ProductApi' },
    ResourceId: { Ref: resource },
    HttpMethod: 'OPTIONS',
    AuthorizationType: 'NONE',
    ApiKeyRequired: false,
    Integration: {
      Type: 'MOCK',
      // Unused by MOCK, but CloudFormation emulators (moto) insist on it.
      IntegrationHttpMethod: 'POST',
      Uri: '${self:custom.emulatorIntegrationUri}',
      RequestTemplates: { 'application/json': '{"statusCode": 204}' },
      IntegrationResponses: [
        {
          StatusCode: '204',
          ResponseParameters: {
            'method.response.header.Access-Control-Allow-Methods': "'GET,POST,PUT,DELETE,OPTIONS'",
            'method.response.header.Access-Control-Allow-Headers':
              "'Content-Type,X-Api-Key,Idempotency-Key,If-Match,If-None-Match,X-Correlation-Id'",
            'method.response.header.Access-Control-Max-Age': "'600'",
            'method.response.header.Vary': "'Origin'",
          },
          ResponseTemplates: {
            'application/json': [
              "#set($origin = $input.params().header.get('Origin'))",
              "#if($origin && $origin.matches('${self:custom.corsAllowedOrigins}'))",
              '#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)',
              '#end',
            ].join('\n'),
          },
        },
      ],
    },
    MethodResponses: [
      {
        StatusCode: '204',
        ResponseParameters: {
          'method.response.header.Access-Control-Allow-Origin': false,
          'method.response.header.Access-Control-Allow-Methods': true,
          'method.response.header.Access-Control-Allow-Headers': true,
          'method.response.header.Access-Control-Max-Age': true,
          'method.response.header.Vary': true,
        },
      },
    ],
  },
});

/** Every path of a contract and every path above it, below the version segment, parents first. */
const resourcePaths = () => {
  const paths = new Set();
  for (const { path } of Object.values(contracts)) {
    const segments = path.split('/').filter(Boolean);
    for (let depth = 2; depth <= segments.length; depth += 1)
      paths.add(`/${segments.slice(0, depth).join('/')}`);
  }
  return [...paths].sort((a, b) => a.split('/').length - b.split('/').length);
};

const routePaths = new Set(Object.values(contracts).map(({ path }) => path));

const Resources = {};
const Outputs = {};
for (const path of resourcePaths()) {
  const name = nameOf(path);
  const parentPath = path.slice(0, path.lastIndexOf('/'));
  Resources[`${name}Resource`] = {
    Type: 'AWS::ApiGateway::Resource',
    Properties: {
      RestApiId: { Ref: 'ProductApi' },
      ParentId: {
        Ref: parentPath.split('/').length > 2 ? `${nameOf(parentPath)}Resource` : 'VersionResource',
      },
      PathPart: path.slice(path.lastIndexOf('/') + 1),
    },
  };
  if (!routePaths.has(path)) continue;
  Resources[`${name}PreflightMethod`] = preflight(`${name}Resource`);
  Outputs[`${name}ResourceId`] = { Description: `Id of ${path}`, Value: { Ref: `${name}Resource` } };
}

module.exports = { Resources, Outputs };
