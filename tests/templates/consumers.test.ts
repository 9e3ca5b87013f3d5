import {
  loadTemplate,
  localParams,
  referencedIds,
  resourcesOfType,
  type CfnResource,
} from './support/templates';

// The two queue consumers as packaged: how their event source polls, what their role may do, and what
// they are told and watched by.

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

const only = (template: ReturnType<typeof loadTemplate>, type: string): CfnResource => {
  const found = resourcesOfType(template, type);
  expect(found).toHaveLength(1);
  return (found[0] as [string, CfnResource])[1];
};

const nonLogStatements = (role: CfnResource): { actions: string[]; resources: unknown[] }[] =>
  ((role.Properties?.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[])
    .flatMap((policy) => policy.PolicyDocument.Statement)
    .filter((statement) => !asList(statement.Action).every((action) => action.startsWith('logs:')))
    .map((statement) => ({
      actions: asList(statement.Action).sort(),
      resources: asList(statement.Resource),
    }));

const consumers = [
  {
    service: 'product-creator',
    queueArn: localParams.productChangeQueueArn,
    eventSource: { BatchSize: 10, MaximumBatchingWindowInSeconds: 0 },
    environment: {
      PRODUCTS_TABLE_NAME: localParams.productsTableName,
      POWERTOOLS_SERVICE_NAME: 'product-creator',
    },
    dataAccess: {
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      // The table only: the consumer never queries an index.
      resources: [localParams.productsTableArn],
    },
  },
  {
    service: 'audit-logger',
    queueArn: localParams.productAuditQueueArn,
    eventSource: { BatchSize: 50, MaximumBatchingWindowInSeconds: 5 },
    environment: { AUDIT_BUCKET_NAME: localParams.auditBucketName, POWERTOOLS_SERVICE_NAME: 'audit-logger' },
    dataAccess: {
      actions: ['s3:PutObject'],
      resources: [`arn:aws:s3:::${localParams.auditBucketName}/audit/*`],
    },
  },
];

describe.each(consumers)(
  'the $service consumer',
  ({ service, queueArn, eventSource, environment, dataAccess }) => {
    const template = loadTemplate(service);
    const [[functionId, lambda]] = resourcesOfType(template, 'AWS::Lambda::Function') as [
      [string, CfnResource],
    ];

    it('polls its own queue with per-record failure reporting and a concurrency cap', () => {
      const mapping = only(template, 'AWS::Lambda::EventSourceMapping');

      expect(mapping.Properties).toMatchObject({
        EventSourceArn: queueArn,
        Enabled: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ...eventSource,
      });
      expect([...referencedIds(mapping.Properties?.FunctionName)]).toEqual([functionId]);
      // Capped on the event source, not by reserved concurrency: throttled messages would go to the DLQ.
      const { MaximumConcurrency } = mapping.Properties?.ScalingConfig as { MaximumConcurrency: number };
      expect(MaximumConcurrency).toBeGreaterThanOrEqual(2);
      expect(lambda.Properties?.ReservedConcurrentExecutions).toBeUndefined();
    });

    it('waits for a batch window whenever a batch may hold more than 10 records, as Lambda requires', () => {
      const { BatchSize, MaximumBatchingWindowInSeconds } = eventSource;
      if (BatchSize > 10) expect(MaximumBatchingWindowInSeconds).toBeGreaterThanOrEqual(1);
    });

    it('may receive and delete on its queue, send traces, and do only what it does to its data, on exact ARNs', () => {
      const role = only(template, 'AWS::IAM::Role');

      expect(nonLogStatements(role)).toEqual([
        {
          actions: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'],
          resources: [queueArn],
        },
        { actions: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], resources: ['*'] },
        dataAccess,
      ]);
    });

    it('runs Node.js 24 and reads its configuration from the environment, without source-map parsing at load', () => {
      expect(lambda.Properties).toMatchObject({
        Handler: 'src/handler.handler',
        Runtime: 'nodejs24.x',
        Environment: { Variables: environment },
      });
      expect(Object.keys(lambda.Properties?.Environment as object)).toEqual(['Variables']);
      expect((lambda.Properties?.Environment as { Variables: object }).Variables).not.toHaveProperty(
        'NODE_OPTIONS',
      );
    });

    it('keeps its logs 90 days', () => {
      expect(only(template, 'AWS::Logs::LogGroup').Properties?.RetentionInDays).toBe(90);
    });

    it('alarms on p95 duration over 300 ms, on throttles and on an error rate over 5%', () => {
      const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(
        ([, alarm]) => alarm.Properties ?? {},
      );

      expect(alarms).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ MetricName: 'Duration', ExtendedStatistic: 'p95', Threshold: 300 }),
          expect.objectContaining({ MetricName: 'Throttles' }),
          expect.objectContaining({
            Threshold: 5,
            Metrics: expect.arrayContaining([
              expect.objectContaining({ Expression: 'IF(invocations > 0, 100 * errors / invocations, 0)' }),
            ]),
          }),
        ]),
      );
      for (const alarm of alarms) expect([...referencedIds(alarm)]).toEqual([functionId]);
    });

    it('has a timeout a sixth or less of the queue visibility timeout and memory for a batch', () => {
      expect(lambda.Properties?.Timeout).toBeLessThanOrEqual(180 / 6);
      expect(lambda.Properties?.MemorySize).toBeGreaterThanOrEqual(256);
    });
  },
);
