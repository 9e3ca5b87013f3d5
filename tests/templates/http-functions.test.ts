import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { contracts, IDEMPOTENCY_KEY_PREFIX } from '@bbws/core';
import {
  contractOf,
  loadTemplate,
  localParams,
  resourceParamOf,
  observabilityEnvironment,
  resourcesOfType,
  xrayGrant,
  type CfnTemplate,
} from './support/templates';

const localCorsOrigins = (
  yaml.load(readFileSync(path.join(__dirname, '../../config/cors.yml'), 'utf8')) as {
    local: string;
  }
).local;
const table = 'arn:aws:dynamodb:eu-west-1:000000000000:table/products-local';
const topic = 'arn:aws:sns:eu-west-1:000000000000:bbws-product-events-local';

// What each HTTP function may do and read is its own; its route is its operation's contract's.
const ownConfiguration = [
  {
    service: 'list-products',
    grants: [
      {
        Action: ['dynamodb:Query'],
        Resource: [`${table}/index/ProductsByPriceIndex`, `${table}/index/ProductsByNameIndex`],
      },
    ],
    environment: ['PRODUCTS_TABLE_NAME', 'CURSOR_SIGNING_KEY'],
  },
  {
    service: 'get-product',
    grants: [{ Action: ['dynamodb:GetItem'], Resource: table }],
    environment: ['PRODUCTS_TABLE_NAME'],
  },
  {
    service: 'create-product',
    grants: [
      { Action: ['sns:Publish'], Resource: topic },
      { Action: ['dynamodb:GetItem'], Resource: table },
      { Action: ['dynamodb:PutItem'], Resource: table },
    ],
    environment: ['PRODUCTS_TABLE_NAME', 'PRODUCT_EVENTS_TOPIC_ARN'],
  },
  {
    service: 'update-product',
    grants: [
      { Action: ['dynamodb:GetItem'], Resource: table },
      { Action: ['sns:Publish'], Resource: topic },
    ],
    environment: ['PRODUCTS_TABLE_NAME', 'PRODUCT_EVENTS_TOPIC_ARN'],
  },
  {
    service: 'delete-product',
    grants: [
      { Action: ['dynamodb:GetItem'], Resource: table },
      { Action: ['sns:Publish'], Resource: topic },
    ],
    environment: ['PRODUCTS_TABLE_NAME', 'PRODUCT_EVENTS_TOPIC_ARN'],
  },
];

const httpFunctions = ownConfiguration.map((own) => {
  const contract = contractOf(own.service);
  return { ...own, method: contract.method, resourceId: localParams[resourceParamOf(contract.path)] };
});

it('covers every operation of core/src/contracts', () => {
  expect(httpFunctions.map(({ service }) => contractOf(service).operationId).sort()).toEqual(
    Object.keys(contracts).sort(),
  );
});

const only = (template: CfnTemplate, type: string) => {
  const found = resourcesOfType(template, type);
  expect(found).toHaveLength(1);
  return found[0]?.[1].Properties ?? {};
};

const grantsOf = (role: Record<string, unknown>) =>
  (role.Policies as { PolicyDocument: { Statement: { Action: string[] }[] } }[])
    .flatMap((policy) => policy.PolicyDocument.Statement)
    .filter((statement) => !statement.Action.every((action) => action.startsWith('logs:')))
    .map(({ Action, Resource }: { Action: string[]; Resource?: unknown }) => ({ Action, Resource }));

describe.each(httpFunctions)(
  'the $service function',
  ({ service, method, resourceId, grants, environment }) => {
    const template = loadTemplate(service);
    const fn = only(template, 'AWS::Lambda::Function');

    it(`serves ${method} on its shared API resource and requires an API key`, () => {
      expect(only(template, 'AWS::ApiGateway::Method')).toMatchObject({
        HttpMethod: method,
        ResourceId: resourceId,
        ApiKeyRequired: true,
        Integration: { Type: 'AWS_PROXY' },
      });
    });

    it('runs Node.js 24 on arm64 with a bounded timeout and memory, and no source-map parsing at load', () => {
      expect(fn).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        Timeout: 6,
      });
      // Stack traces are mapped when an error is formatted (core/src/stack-traces.ts), not at every load.
      expect((fn.Environment as { Variables: Record<string, string> }).Variables).not.toHaveProperty(
        'NODE_OPTIONS',
      );
    });

    it('is given exactly the configuration it reads', () => {
      const variables = Object.keys((fn.Environment as { Variables: Record<string, string> }).Variables);
      expect(variables.sort()).toEqual(
        [
          'POWERTOOLS_SERVICE_NAME',
          'CORS_ALLOWED_ORIGINS',
          ...observabilityEnvironment,
          ...environment,
        ].sort(),
      );
    });

    it("answers browsers from the local stage's allowed origins (config/cors.yml), as compose passes them", () => {
      expect((fn.Environment as { Variables: Record<string, string> }).Variables.CORS_ALLOWED_ORIGINS).toBe(
        localCorsOrigins,
      );
    });

    it('may do only what it needs, on the exact resources', () => {
      expect(grantsOf(only(template, 'AWS::IAM::Role'))).toEqual([xrayGrant, ...grants]);
    });

    it("traces every invocation, recording SDK calls as the stage's tracingEnabled says", () => {
      expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
      expect((fn.Environment as { Variables: Record<string, string> }).Variables).toMatchObject({
        STAGE: 'local',
        POWERTOOLS_TRACE_ENABLED: localParams.tracingEnabled,
      });
    });

    it('keeps its logs for 90 days', () => {
      expect(only(template, 'AWS::Logs::LogGroup').RetentionInDays).toBe(90);
    });

    it('alarms on a p95 duration above 300 ms and an error rate above 5%', () => {
      const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(
        ([, alarm]) => alarm.Properties ?? {},
      );
      expect(alarms).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ MetricName: 'Duration', ExtendedStatistic: 'p95', Threshold: 300 }),
          expect.objectContaining({
            Threshold: 5,
            Metrics: expect.arrayContaining([
              expect.objectContaining({ Expression: 'IF(invocations > 0, 100 * errors / invocations, 0)' }),
            ]),
          }),
        ]),
      );
    });
  },
);

describe('the create-product function writing Idempotency-Key records', () => {
  it('may put items only under the IDEMPOTENCY# partition keys, never a product', () => {
    const role = only(loadTemplate('create-product'), 'AWS::IAM::Role');
    const statements = (
      role.Policies as { PolicyDocument: { Statement: Record<string, unknown>[] } }[]
    ).flatMap((policy) => policy.PolicyDocument.Statement);
    expect(statements.find((statement) => String(statement.Action) === 'dynamodb:PutItem')).toMatchObject({
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${IDEMPOTENCY_KEY_PREFIX}*`] } },
    });
  });
});

describe.each(['create-product', 'update-product'])('the body of %s', (service) => {
  it('is validated by the function alone: no request model, so the gateway validates no body', () => {
    const template = loadTemplate(service);
    const methods = resourcesOfType(template, 'AWS::ApiGateway::Method');
    expect(resourcesOfType(template, 'AWS::ApiGateway::Model')).toEqual([]);
    expect(methods.length).toBeGreaterThan(0);
    expect(methods.map(([, method]) => method.Properties?.RequestModels)).toEqual(
      methods.map(() => undefined),
    );
  });
});
