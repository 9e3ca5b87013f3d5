'use strict';

// The body of the per-stage CloudWatch dashboard (monitoring.yml), built here because CloudFormation wants
// it as one JSON string. `${Queue.QueueName}` and `${AWS::Region}` are left to Fn::Sub; the function names
// are those serverless gives each function service (bbws-<service>-<stage>-<function>).
// tests/templates/dashboard.test.ts checks every metric named here against what the code emits and what
// the stacks create.

const NAMESPACE = 'BBWS/ProductApi'; // core/src/observability/metrics.ts
const PERIOD = 60;

const { functions } = require('./function-services');

const queues = [
  ['product-creator', 'ProductChangeQueue', 'ProductChangeDeadLetterQueue'],
  ['audit-logger', 'ProductAuditQueue', 'ProductAuditDeadLetterQueue'],
];

const functionName = (stage, [service, key]) => `bbws-${service}-${stage}-${key}`;

const widget = (title, metrics, { x, y, width = 8, height = 6, stat = 'Sum', yAxis } = {}) => ({
  type: 'metric',
  x,
  y,
  width,
  height,
  properties: {
    title,
    region: '${AWS::Region}',
    view: 'timeSeries',
    stat,
    period: PERIOD,
    metrics,
    ...(yAxis ? { yAxis } : {}),
  },
});

/** A SEARCH over one of our metrics across the values of its extra dimensions (event type, outcome...). */
const search = (metricName, dimensions, stage, stat, label) => [
  [
    {
      expression: `SEARCH('{${NAMESPACE},${dimensions.join(',')}} MetricName="${metricName}" stage="${stage}"', '${stat}', ${PERIOD})`,
      label,
    },
  ],
];

const body = (stage) => {
  const api = ['AWS/ApiGateway'];
  const apiName = ['ApiName', `bbws-product-api-${stage}`];
  const perFunction = (metricName, stat) =>
    functions.map((fn) => [
      'AWS/Lambda',
      metricName,
      'FunctionName',
      functionName(stage, fn),
      { stat, label: fn[0] },
    ]);
  const perQueue = (metricName, index, stat) =>
    queues.map((queue) => [
      'AWS/SQS',
      metricName,
      'QueueName',
      `\${${queue[index]}.QueueName}`,
      { stat, label: `${queue[0]}${index === 2 ? ' DLQ' : ''}` },
    ]);
  const propagation = (stat) =>
    queues.map(([service]) => [
      NAMESPACE,
      'PropagationLatency',
      'service',
      service,
      'stage',
      stage,
      { stat, label: `${service} ${stat}` },
    ]);
  const widgets = [
    widget(
      'API requests, 4xx, 5xx',
      [
        [...api, 'Count', ...apiName, { label: 'requests' }],
        [...api, '4XXError', ...apiName, { label: '4xx' }],
        [...api, '5XXError', ...apiName, { label: '5xx' }],
      ],
      { x: 0, y: 0 },
    ),
    widget(
      'API latency (ms)',
      ['p50', 'p95', 'p99'].map((stat) => [...api, 'Latency', ...apiName, { stat, label: stat }]),
      { x: 8, y: 0 },
    ),
    widget(
      'Propagation: accepted to applied / audited (ms)',
      [...propagation('p50'), ...propagation('p95'), ...propagation('p99')],
      { x: 16, y: 0 },
    ),
    widget('Invocations', perFunction('Invocations', 'Sum'), { x: 0, y: 6 }),
    widget('Errors', perFunction('Errors', 'Sum'), { x: 8, y: 6 }),
    widget('Duration p95 (ms)', perFunction('Duration', 'p95'), { x: 16, y: 6 }),
    widget('Throttles', perFunction('Throttles', 'Sum'), { x: 0, y: 12 }),
    widget('Cold starts', search('ColdStart', ['service', 'stage'], stage, 'Sum', ''), {
      x: 8,
      y: 12,
    }),
    widget(
      'Changes accepted, by type',
      [
        ['create-product', 'CREATE'],
        ['update-product', 'UPDATE'],
        ['delete-product', 'DELETE'],
      ].map(([service, eventType]) => [
        NAMESPACE,
        'ChangesAccepted',
        'eventType',
        eventType,
        'service',
        service,
        'stage',
        stage,
        { label: eventType },
      ]),
      { x: 16, y: 12 },
    ),
    widget(
      'Consumer outcomes, by type',
      search('ChangeEventsProcessed', ['eventType', 'outcome', 'service', 'stage'], stage, 'Sum', ''),
      { x: 0, y: 18, width: 12 },
    ),
    widget(
      'Audit records written',
      [[NAMESPACE, 'AuditRecordsWritten', 'service', 'audit-logger', 'stage', stage, { label: 'written' }]],
      { x: 12, y: 18, width: 12 },
    ),
    widget('Queue depth', perQueue('ApproximateNumberOfMessagesVisible', 1, 'Maximum'), { x: 0, y: 24 }),
    widget('Age of oldest message (s)', perQueue('ApproximateAgeOfOldestMessage', 1, 'Maximum'), {
      x: 8,
      y: 24,
    }),
    widget('DLQ depth', perQueue('ApproximateNumberOfMessagesVisible', 2, 'Maximum'), { x: 16, y: 24 }),
  ];
  return { widgets };
};

module.exports = async ({ resolveVariable }) => {
  const stage = await resolveVariable('sls:stage');
  return { 'Fn::Sub': JSON.stringify(body(stage)) };
};
