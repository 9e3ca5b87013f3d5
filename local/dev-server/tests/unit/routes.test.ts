import { functionRoutes, matchRoute, mockRoutes, type MockTarget } from '../../src/routes';
import type { FunctionDefinition } from '../../src/services';
import type { CloudFormationTemplate } from '@bbws/local-aws';

const definition = (functionName: string, method: string, path: string) =>
  ({ functionName, http: [{ method, path, private: true }], sqs: [] }) as unknown as FunctionDefinition;

const routes = functionRoutes([
  definition('list', 'GET', '/v1.0/products'),
  definition('get', 'GET', '/v1.0/products/{productId}'),
  definition('search', 'GET', '/v1.0/products/search'),
]);

describe('matchRoute', () => {
  it('matches a path parameter, decoded, and reports no parameters for a literal path', () => {
    const byId = matchRoute(routes, 'GET', '/v1.0/products/a%20b');
    const list = matchRoute(routes, 'GET', '/v1.0/products/');

    expect(byId).toMatchObject({ found: true, pathParameters: { productId: 'a b' } });
    expect(list).toMatchObject({
      found: true,
      route: { resource: '/v1.0/products' },
      pathParameters: undefined,
    });
  });

  it('prefers a literal segment over a path parameter, as API Gateway does', () => {
    expect(matchRoute(routes, 'GET', '/v1.0/products/search')).toMatchObject({
      found: true,
      route: { target: { functionName: 'search' } },
    });
  });

  it('finds nothing for an unknown path or a method the resource does not have', () => {
    expect(matchRoute(routes, 'GET', '/v1.0/orders')).toEqual({ found: false });
    expect(matchRoute(routes, 'DELETE', '/v1.0/products')).toEqual({ found: false });
    expect(matchRoute(routes, 'GET', '/v1.0/products/a/b')).toEqual({ found: false });
  });
});

describe('mockRoutes', () => {
  it('serves a MOCK method of the template at the path its resources spell', () => {
    const template: CloudFormationTemplate = {
      Resources: {
        Version: {
          Type: 'AWS::ApiGateway::Resource',
          Properties: { ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: 'v1.0' },
        },
        Health: {
          Type: 'AWS::ApiGateway::Resource',
          Properties: { ParentId: { Ref: 'Version' }, PathPart: 'health' },
        },
        HealthMethod: {
          Type: 'AWS::ApiGateway::Method',
          Properties: {
            HttpMethod: 'GET',
            ResourceId: { Ref: 'Health' },
            ApiKeyRequired: true,
            Integration: {
              Type: 'MOCK',
              IntegrationResponses: [
                { StatusCode: '200', ResponseTemplates: { 'application/json': '{"status":"ok"}' } },
              ],
            },
          },
        },
      },
    };

    expect(mockRoutes(template)).toEqual([
      {
        method: 'GET',
        resource: '/v1.0/health',
        private: true,
        target: { kind: 'mock', statusCode: 200, body: '{"status":"ok"}', responseParameters: {} },
      },
    ]);
  });

  it('reads a CORS preflight: no body from its VTL, its mapped headers and the origins it echoes', () => {
    const template: CloudFormationTemplate = {
      Resources: {
        Api: { Type: 'AWS::ApiGateway::RestApi' },
        Products: {
          Type: 'AWS::ApiGateway::Resource',
          Properties: { ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: 'products' },
        },
        Preflight: {
          Type: 'AWS::ApiGateway::Method',
          Properties: {
            ResourceId: { Ref: 'Products' },
            HttpMethod: 'OPTIONS',
            ApiKeyRequired: false,
            Integration: {
              Type: 'MOCK',
              IntegrationResponses: [
                {
                  StatusCode: '204',
                  ResponseParameters: { 'method.response.header.Vary': "'Origin'" },
                  ResponseTemplates: {
                    'application/json':
                      "#set($origin = $input.params().header.get('Origin'))\n#if($origin && $origin.matches('^http://a[.]b$'))\n#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)\n#end",
                  },
                },
              ],
            },
          },
        },
      },
    };

    const [route] = mockRoutes(template);
    const target = route?.target as MockTarget;

    expect(route).toMatchObject({ method: 'OPTIONS', resource: '/products', private: false });
    expect(target).toMatchObject({
      statusCode: 204,
      body: '',
      responseParameters: { 'method.response.header.Vary': "'Origin'" },
    });
    expect([target.echoedOrigins?.test('http://a.b'), target.echoedOrigins?.test('http://aXb')]).toEqual([
      true,
      false,
    ]);
  });

  it('leaves out a method whose Condition does not hold', () => {
    const template: CloudFormationTemplate = {
      Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } },
      Resources: {
        Preflight: {
          Type: 'AWS::ApiGateway::Method',
          Condition: 'Never',
          Properties: { HttpMethod: 'OPTIONS', Integration: { Type: 'MOCK' } },
        },
      },
    };

    expect(mockRoutes(template)).toEqual([]);
  });
});
