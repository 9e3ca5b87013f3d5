import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { captureMetrics, type EmittedMetric } from '../../core/tests/support/emf';
import { functionServiceNames, loadTemplate, repoRoot, resourcesOfType } from './support/templates';

// Every metric the dashboard and the SLO alarm name is checked against what exists: our own metrics against
// what the functions' code really emits (each handler runs here, with its packaged environment and mocked
// AWS clients), AWS metrics against the functions, queues and API the stacks create.

const NAMESPACE = 'BBWS/ProductApi';
const infrastructure = loadTemplate('infrastructure');
const dashboardSub = infrastructure.Resources.ProductDashboard?.Properties?.DashboardBody as {
  'Fn::Sub': string;
};
const dashboard = JSON.parse(dashboardSub['Fn::Sub']) as {
  widgets: { properties: { metrics: unknown[][] } }[];
};
const metricLines = dashboard.widgets.flatMap((widget) => widget.properties.metrics);

interface NamedMetric {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
}

/** `[namespace, name, dim, value, ..., {options}]` rows of the dashboard. */
const namedMetrics: NamedMetric[] = metricLines
  .filter((line) => typeof line[0] === 'string')
  .map((line) => {
    const [namespace, name, ...rest] = line.filter((part) => typeof part === 'string') as string[];
    const dimensions: Record<string, string> = {};
    for (let index = 0; index < rest.length; index += 2)
      dimensions[rest[index] ?? ''] = rest[index + 1] ?? '';
    return { namespace: namespace ?? '', name: name ?? '', dimensions };
  });

/** `SEARCH('{namespace,dim,...} MetricName="X" stage="local"', ...)` rows of the dashboard. */
const searches = metricLines
  .map((line) => (line[0] as { expression?: string }).expression)
  .filter((expression): expression is string => typeof expression === 'string')
  .map((expression) => {
    const [, schema = '', name = '', stage = ''] =
      /^SEARCH\('\{([^}]+)\} MetricName="(\w+)" stage="([\w-]+)"'/.exec(expression) ?? [];
    const [namespace, ...dimensionNames] = schema.split(',');
    return { expression, namespace, name, dimensionNames: dimensionNames.sort(), stage };
  });

const environmentOf = (service: string): Record<string, string> => {
  const [[, fn] = ['', {}]] = resourcesOfType(loadTemplate(service), 'AWS::Lambda::Function');
  const variables = (fn.Properties?.Environment as { Variables: Record<string, string> }).Variables;
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [
      name,
      String(value).startsWith('{{resolve:') ? 'a'.repeat(64) : String(value),
    ]),
  );
};

const readEvent = (service: string, file: string): unknown =>
  JSON.parse(readFileSync(join(repoRoot, service, 'events', file), 'utf8'));

const product = {
  productId: '7ae2b6d0-c5ba-5abf-82b1-323829adfdee',
  name: 'Moka Pot',
  price: 29.5,
  currency: 'EUR',
  version: 1,
  active: true,
  createdAt: '2025-01-15T10:30:00.000Z',
  updatedAt: '2025-01-15T10:30:00.000Z',
};

/** What each function's handler emits for one ordinary invocation. */
const invocations: Record<string, () => unknown> = {
  'create-product': () => readEvent('create-product', 'create-product.json'),
  'update-product': () => {
    const event = readEvent('create-product', 'create-product.json') as Record<string, unknown>;
    return { ...event, httpMethod: 'PUT', pathParameters: { productId: product.productId } };
  },
  'delete-product': () => readEvent('delete-product', 'delete-product.json'),
  'get-product': () => ({
    ...(readEvent('get-product', 'existing-product.json') as object),
    pathParameters: { productId: product.productId },
  }),
  'list-products': () => readEvent('list-products', 'first-page.json'),
  'product-creator': () => readEvent('product-creator', 'sqs-create.json'),
  'audit-logger': () => readEvent('audit-logger', 'sqs-create.json'),
};

const emitted: EmittedMetric[] = [];
const responses: Record<string, unknown> = {};

beforeAll(async () => {
  for (const service of functionServiceNames) {
    const environment = { ...environmentOf(service), AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' };
    const previous = { ...process.env };
    Object.assign(process.env, environment);
    try {
      emitted.push(
        ...(await captureMetrics(() =>
          jest.isolateModulesAsync(async () => {
            const { mockClient } = await import('aws-sdk-client-mock');
            const { DynamoDBDocumentClient, GetCommand, QueryCommand } =
              await import('@aws-sdk/lib-dynamodb');
            const { SNSClient, PublishCommand } = await import('@aws-sdk/client-sns');
            const { S3Client, PutObjectCommand } = await import('@aws-sdk/client-s3');
            const { productItem } = await import('@bbws/core');
            mockClient(DynamoDBDocumentClient)
              .onAnyCommand()
              .resolves({})
              .on(GetCommand)
              .resolves(service === 'product-creator' ? {} : { Item: productItem(product) })
              .on(QueryCommand)
              .resolves({ Items: [] });
            mockClient(SNSClient).on(PublishCommand).resolves({ MessageId: 'm-1' });
            mockClient(S3Client).on(PutObjectCommand).resolves({});
            const { handler } = (await import(join(repoRoot, service, 'src', 'handler.ts'))) as {
              handler: (event: unknown, context: Context) => Promise<unknown>;
            };
            responses[service] = await handler(invocations[service]?.(), { awsRequestId: 'a-1' } as Context);
          }),
        )),
      );
    } finally {
      process.env = previous;
    }
  }
});

const isEmitted = ({ namespace, name, dimensions }: NamedMetric) =>
  emitted.some(
    (metric) =>
      metric.namespace === namespace &&
      metric.name === name &&
      JSON.stringify(Object.entries(metric.dimensions).sort()) ===
        JSON.stringify(Object.entries(dimensions).sort()),
  );

describe('the dashboard', () => {
  it('is checked against ordinary, successful invocations of every function', () => {
    for (const service of functionServiceNames.filter((name) => name !== 'infrastructure')) {
      const response = responses[service] as { statusCode?: number; batchItemFailures?: unknown[] };
      if (response.batchItemFailures) expect(response.batchItemFailures).toEqual([]);
      else expect(response.statusCode).toBeLessThan(300);
    }
  });

  it('names metrics of our namespace, AWS/Lambda, AWS/SQS and AWS/ApiGateway only', () => {
    expect(new Set(namedMetrics.map(({ namespace }) => namespace))).toEqual(
      new Set([NAMESPACE, 'AWS/Lambda', 'AWS/SQS', 'AWS/ApiGateway']),
    );
    expect(searches.length).toBeGreaterThan(0);
  });

  it.each(
    namedMetrics
      .filter(({ namespace }) => namespace === NAMESPACE)
      .map((metric) => [`${metric.name} ${JSON.stringify(metric.dimensions)}`, metric]),
  )('names %s with dimensions that the code emits', (_name, metric) => {
    expect(isEmitted(metric)).toBe(true);
  });

  it.each(searches.map((search) => [search.name, search]))(
    'searches %s by the dimensions that the code emits it with, on the local stage',
    (_name, { namespace, name, dimensionNames, stage }) => {
      expect(namespace).toBe(NAMESPACE);
      expect(stage).toBe('local');
      const matching = emitted.filter(
        (metric) =>
          metric.name === name &&
          JSON.stringify(Object.keys(metric.dimensions).sort()) === JSON.stringify(dimensionNames),
      );
      expect(matching.length).toBeGreaterThan(0);
    },
  );

  it('names each function by the name its service gives it, all seven of them', () => {
    const functionNames = new Set(
      functionServiceNames.flatMap((service) =>
        resourcesOfType(loadTemplate(service), 'AWS::Lambda::Function').map(
          ([, fn]) => fn.Properties?.FunctionName as string,
        ),
      ),
    );
    const named = new Set(
      namedMetrics
        .filter(({ namespace }) => namespace === 'AWS/Lambda')
        .map(({ dimensions }) => dimensions.FunctionName),
    );
    expect(named).toEqual(functionNames);
  });

  it('names each queue and DLQ of this stack', () => {
    const queueIds = new Set(resourcesOfType(infrastructure, 'AWS::SQS::Queue').map(([id]) => id));
    const named = new Set(
      namedMetrics
        .filter(({ namespace }) => namespace === 'AWS/SQS')
        .map(({ dimensions }) => /^\$\{(\w+)\.QueueName\}$/.exec(dimensions.QueueName ?? '')?.[1]),
    );
    expect(named).toEqual(queueIds);
  });

  it('names the API by the name this stack gives it', () => {
    const [[, api] = ['', {}]] = resourcesOfType(infrastructure, 'AWS::ApiGateway::RestApi');
    for (const { dimensions } of namedMetrics.filter(({ namespace }) => namespace === 'AWS/ApiGateway'))
      expect(dimensions).toEqual({ ApiName: api.Properties?.Name });
  });
});

describe('the propagation SLO alarm', () => {
  const alarm = infrastructure.Resources.PropagationSloAlarm?.Properties ?? {};
  const [, latency] = alarm.Metrics as {
    MetricStat?: {
      Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] };
    };
  }[];

  it('watches the p95 PropagationLatency that product-creator emits, in seconds, over the 5 s default', () => {
    const metric = latency?.MetricStat?.Metric;
    expect(
      isEmitted({
        namespace: metric?.Namespace ?? '',
        name: metric?.MetricName ?? '',
        dimensions: Object.fromEntries((metric?.Dimensions ?? []).map(({ Name, Value }) => [Name, Value])),
      }),
    ).toBe(true);
    expect(metric?.Dimensions).toContainEqual({ Name: 'service', Value: 'product-creator' });
    expect(alarm).toMatchObject({ Threshold: 5, ComparisonOperator: 'GreaterThanThreshold' });
  });
});

describe('the saved queries', () => {
  const queries = resourcesOfType(infrastructure, 'AWS::Logs::QueryDefinition').map(
    ([, query]) => query.Properties ?? {},
  );
  const functionLogGroups = functionServiceNames.map((service) => {
    const [[, fn] = ['', {}]] = resourcesOfType(loadTemplate(service), 'AWS::Lambda::Function');
    return `/aws/lambda/${String(fn.Properties?.FunctionName)}`;
  });

  it('find every line about a productId, or about a request id, in every function log group', () => {
    expect(queries.map(({ QueryString }) => /filter (\w+) =/.exec(String(QueryString))?.[1])).toEqual([
      'productId',
      'requestId',
    ]);
    for (const { LogGroupNames } of queries)
      expect(LogGroupNames).toEqual(expect.arrayContaining(functionLogGroups));
    expect(String(queries[1]?.QueryString)).toContain('apiRequestId');
  });
});

describe('traces from the API through the change topic to the consumers', () => {
  const resource = (type: string) => {
    const [[, found] = ['', undefined]] = resourcesOfType(infrastructure, type);
    return found?.Properties ?? {};
  };

  it('traces the API stage and the change topic, whose Publish trace header SQS hands to the consumers', () => {
    expect(resource('AWS::ApiGateway::Stage').TracingEnabled).toBe(true);
    expect(resource('AWS::SNS::Topic').TracingConfig).toBe('Active');
  });

  it('lets SNS, and only SNS for this topic in this account, write the topic segments to X-Ray', () => {
    const { PolicyDocument } = resource('AWS::XRay::ResourcePolicy') as {
      PolicyDocument: { 'Fn::Sub': [string, { TopicArn: { Ref: string } }] };
    };
    const [document, { TopicArn }] = PolicyDocument['Fn::Sub'];
    const { Statement } = JSON.parse(document) as { Statement: Record<string, unknown>[] };

    expect(TopicArn).toEqual({ Ref: 'ProductEventsTopic' });
    expect(Statement).toEqual([
      {
        Sid: 'SnsActiveTracing',
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: ['xray:PutTraceSegments', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:SourceAccount': '${AWS::AccountId}' },
          ArnLike: { 'aws:SourceArn': '${TopicArn}' },
        },
      },
    ]);
  });
});
