import { contracts } from '@bbws/core';
import {
  functionServiceNames,
  loadTemplate,
  localParams,
  resourceParamOf,
  resourcesOfType,
  serviceNames,
} from './support/templates';

/** The local stand-ins of the API resources of the operations' paths. */
const routeResourceIds = Object.values(contracts).map(({ path }) => localParams[resourceParamOf(path)]);

const infrastructure = loadTemplate('infrastructure');

describe('the shared REST API', () => {
  it('is named after the stage', () => {
    const [[, api] = []] = resourcesOfType(infrastructure, 'AWS::ApiGateway::RestApi');
    expect(api?.Properties?.Name).toBe('bbws-product-api-local');
  });

  it('has the /v1.0/products and /v1.0/products/{productId} resources', () => {
    const parts = resourcesOfType(infrastructure, 'AWS::ApiGateway::Resource').map(([id, resource]) => [
      id,
      resource.Properties?.PathPart,
    ]);
    expect(parts).toEqual(
      expect.arrayContaining([
        ['VersionResource', 'v1.0'],
        ['ProductsResource', 'products'],
        ['ProductResource', '{productId}'],
      ]),
    );
  });

  it('logs access as JSON and throttles every method of the stage', () => {
    const stage = infrastructure.Resources.ProductApiStage?.Properties ?? {};
    expect(stage.AccessLogSetting).toEqual({
      DestinationArn: { 'Fn::GetAtt': ['ProductApiAccessLogGroup', 'Arn'] },
      Format: expect.stringContaining('"requestId":"$context.requestId"'),
    });
    expect(stage.MethodSettings).toEqual([
      expect.objectContaining({
        ResourcePath: '/*',
        HttpMethod: '*',
        ThrottlingRateLimit: 50,
        ThrottlingBurstLimit: 100,
      }),
    ]);
  });

  it('takes the API key value from a generated Secrets Manager secret', () => {
    expect(infrastructure.Resources.ApiKeySecret?.Properties).toMatchObject({
      Name: 'bbws/product-api/key-local',
      GenerateSecretString: { GenerateStringKey: 'apiKey' },
    });
    expect(infrastructure.Resources.ProductApiKey?.Properties?.Value).toEqual({
      'Fn::Sub': '{{resolve:secretsmanager:${ApiKeySecret}:SecretString:apiKey}}',
    });
  });

  it('puts the key on a usage plan with rate, burst and a daily quota for the stage', () => {
    expect(infrastructure.Resources.ProductApiUsagePlan?.Properties).toMatchObject({
      ApiStages: [{ ApiId: { Ref: 'ProductApi' }, Stage: { Ref: 'ProductApiStage' } }],
      Throttle: { RateLimit: 50, BurstLimit: 100 },
      Quota: { Limit: 100000, Period: 'DAY' },
    });
    expect(infrastructure.Resources.ProductApiUsagePlanKey?.Properties).toMatchObject({
      KeyId: { Ref: 'ProductApiKey' },
      UsagePlanId: { Ref: 'ProductApiUsagePlan' },
    });
  });
});

describe.each(serviceNames)('the %s template', (service) => {
  const template = loadTemplate(service);

  it('requires an API key on every API method but the CORS preflights', () => {
    for (const [, method] of resourcesOfType(template, 'AWS::ApiGateway::Method')) {
      expect(method.Properties?.ApiKeyRequired).toBe(method.Properties?.HttpMethod !== 'OPTIONS');
    }
  });
});

describe.each(functionServiceNames)('the %s function service', (service) => {
  const template = loadTemplate(service);

  it('creates no API resources or APIs of its own', () => {
    expect(resourcesOfType(template, 'AWS::ApiGateway::Resource')).toEqual([]);
    expect(resourcesOfType(template, 'AWS::ApiGateway::RestApi')).toEqual([]);
  });

  it('attaches its methods to the shared API resources from compose params', () => {
    for (const [, method] of resourcesOfType(template, 'AWS::ApiGateway::Method')) {
      expect(method.Properties?.RestApiId).toBe('local-rest-api');
      expect(routeResourceIds).toContain(method.Properties?.ResourceId);
    }
  });
});

describe('bodies', () => {
  it('are never refused by the gateway: no BAD_REQUEST_BODY response is configured, the function answers', () => {
    const responseTypes = Object.values(infrastructure.Resources)
      .filter((resource) => resource.Type === 'AWS::ApiGateway::GatewayResponse')
      .map((resource) => resource.Properties?.ResponseType);
    expect(responseTypes).not.toContain('BAD_REQUEST_BODY');
  });
});

describe('CORS on the local stage', () => {
  const preflights = Object.values(infrastructure.Resources).filter(
    (resource) =>
      resource.Type === 'AWS::ApiGateway::Method' && resource.Properties?.HttpMethod === 'OPTIONS',
  );

  it('answers preflights of every route resource with a MOCK method that needs no key', () => {
    expect(preflights.map((method) => method.Properties?.ResourceId)).toEqual(
      expect.arrayContaining([{ Ref: 'ProductsResource' }, { Ref: 'ProductResource' }]),
    );
    // productsResourceId -> ProductsResource: one per path of core/src/contracts.
    const routeResources = new Set(
      Object.values(contracts).map(({ path }) => {
        const resource = resourceParamOf(path).replace(/Id$/, '');
        return `${resource.charAt(0).toUpperCase()}${resource.slice(1)}`;
      }),
    );
    expect(preflights.map((method) => (method.Properties?.ResourceId as { Ref: string }).Ref).sort()).toEqual(
      [...routeResources].sort(),
    );
    for (const method of preflights) {
      expect(method.Properties).toMatchObject({
        AuthorizationType: 'NONE',
        ApiKeyRequired: false,
        Integration: { Type: 'MOCK' },
      });
    }
  });

  it('echoes only origins that match the stage expression, also passed on to the functions', () => {
    const allowed = String((infrastructure.Parameters?.CorsAllowedOrigins as { Default?: string })?.Default);
    const [response] = (
      preflights[0]?.Properties?.Integration as {
        IntegrationResponses: { ResponseTemplates: Record<string, string> }[];
      }
    ).IntegrationResponses;

    expect(allowed).toMatch(/localhost/);
    expect(response?.ResponseTemplates['application/json']).toContain(`$origin.matches('${allowed}')`);
  });

  it("adds CORS headers to the gateway's own 4xx and 5xx answers (403, 429 included)", () => {
    const types = Object.values(infrastructure.Resources)
      .filter((resource) => resource.Type === 'AWS::ApiGateway::GatewayResponse')
      .map((resource) => resource.Properties);
    expect(types).toEqual(
      ['DEFAULT_4XX', 'DEFAULT_5XX'].map((ResponseType) =>
        expect.objectContaining({
          ResponseType,
          ResponseParameters: expect.objectContaining({
            'gatewayresponse.header.Access-Control-Allow-Origin': 'method.request.header.Origin',
          }),
        }),
      ),
    );
  });
});
