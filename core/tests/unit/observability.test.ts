import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { sqsRecord as sqsRecordOf } from '@bbws/dev-server';
import type { APIGatewayProxyEvent, Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import createEvent from '../../events/change-event-create.json';
import { sqsBatchHandler, type ChangeEventResult } from '../../src/consumer/sqs-batch-handler';
import { logger } from '../../src/logger';
import { METRICS_NAMESPACE, MetricName } from '../../src/observability';
import { changePublisher } from '../../src/products';
import type { ChangeEvent } from '../../src/schemas/change-event';
import { captureMetrics } from '../support/emf';

const sns = mockClient(SNSClient);
const actor = { apiKeyId: 'key-1', sourceIp: '203.0.113.10', requestId: 'api-request-1' };
const productId = '0b6f5a3e-7c1d-4a8e-9f2b-3c4d5e6f7a8b';

// Built as Lambda's event source mapping builds it (the local system's builder).
const sqsRecord = (changeEvent: ChangeEvent, messageId: string, receiveCount = 1): SQSRecord =>
  sqsRecordOf(
    {
      MessageId: messageId,
      ReceiptHandle: `handle-${messageId}`,
      Body: JSON.stringify(changeEvent),
      Attributes: { ApproximateReceiveCount: String(receiveCount) },
    },
    'arn:aws:sqs:eu-west-1:000000000000:bbws-product-change-local',
    'eu-west-1',
  );

const eventAt = (occurredAt: Date, eventId: string, eventType: 'CREATE' | 'UPDATE' = 'CREATE') =>
  ({ ...createEvent, eventType, eventId, occurredAt: occurredAt.toISOString() }) as ChangeEvent;

beforeEach(() => sns.reset());

describe('changePublisher metrics', () => {
  it('counts an accepted change by its event type, in the namespace the dashboard reads', async () => {
    const publish = changePublisher('arn:aws:sns:eu-west-1:000000000000:bbws-product-events-local');
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });

    const metrics = await captureMetrics(() => publish({ eventType: 'DELETE', productId, actor }));

    expect(metrics).toEqual([
      {
        namespace: METRICS_NAMESPACE,
        name: MetricName.ChangesAccepted,
        unit: 'Count',
        value: 1,
        dimensions: { service: expect.any(String), stage: 'test', eventType: 'DELETE' },
      },
    ]);
  });

  it('counts nothing when the topic refuses the change', async () => {
    const publish = changePublisher('arn:aws:sns:eu-west-1:000000000000:bbws-product-events-local');
    sns.on(PublishCommand).rejects(new Error('KMSAccessDeniedException'));

    const metrics = await captureMetrics(() =>
      publish({ eventType: 'DELETE', productId, actor }).catch(() => undefined),
    );

    expect(metrics).toEqual([]);
  });
});

describe('sqsBatchHandler metrics', () => {
  it('counts each record by event type and outcome, and times the propagation of the applied ones', async () => {
    const occurredAt = new Date(Date.now() - 1500);
    const answers: Record<string, ChangeEventResult['outcome']> = {
      '00000000-0000-4000-8000-000000000001': 'applied',
      '00000000-0000-4000-8000-000000000002': 'stale',
    };
    const handler = sqsBatchHandler(async ({ eventId }) => ({ outcome: answers[eventId] ?? 'applied' }));
    const event: SQSEvent = {
      Records: [
        sqsRecord(eventAt(occurredAt, '00000000-0000-4000-8000-000000000001'), 'a'),
        sqsRecord(eventAt(occurredAt, '00000000-0000-4000-8000-000000000002', 'UPDATE'), 'b'),
      ],
    };

    const metrics = await captureMetrics(() => handler(event));

    const processed = metrics.filter(({ name }) => name === MetricName.ChangeEventsProcessed);
    expect(processed.map(({ dimensions: { eventType, outcome } }) => `${eventType} ${outcome}`)).toEqual([
      'CREATE applied',
      'UPDATE stale',
    ]);
    const latencies = metrics.filter(({ name }) => name === MetricName.PropagationLatency);
    expect(latencies).toHaveLength(1);
    expect(latencies[0]?.unit).toBe('Milliseconds');
    expect(latencies[0]?.value).toBeGreaterThanOrEqual(1500);
    expect(latencies[0]?.dimensions).toEqual({ service: expect.any(String), stage: 'test' });
  });

  it('counts a failed record as failed and times nothing', async () => {
    const handler = sqsBatchHandler(async () => {
      throw new Error('ProvisionedThroughputExceededException');
    });
    const event = { Records: [sqsRecord(eventAt(new Date(), '00000000-0000-4000-8000-000000000003'), 'c')] };

    const metrics = await captureMetrics(() => handler(event));

    expect(metrics.map(({ name, dimensions }) => [name, dimensions.outcome])).toEqual([
      [MetricName.ChangeEventsProcessed, 'failed'],
    ]);
  });

  it("names the API request of the change on the record's log line", async () => {
    logger.setLogLevel('INFO');
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      await sqsBatchHandler(async () => ({ outcome: 'applied' }))({
        Records: [sqsRecord(eventAt(new Date(), '00000000-0000-4000-8000-000000000004'), 'd')],
      });
    } finally {
      write.mockRestore();
      logger.setLogLevel('SILENT');
    }

    const line = lines.map((text) => JSON.parse(text) as Record<string, unknown>).at(-1);
    expect(line).toMatchObject({
      message: 'change event processed',
      apiRequestId: createEvent.actor.requestId,
      outcome: 'applied',
    });
  });
});

describe('ColdStart', () => {
  afterEach(() => delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE);

  it('is counted on the first request of an on-demand execution environment only', async () => {
    // Lambda sets it; Powertools counts no cold start under provisioned concurrency.
    process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
    const metrics = await captureMetrics(() =>
      jest.isolateModulesAsync(async () => {
        const { httpHandler } = await import('../../src/http/handler');
        const { listProductsContract } = await import('../../src/validators/generated/operations');
        const handler = httpHandler(
          async () => ({ statusCode: 204, headers: {}, body: '' }),
          listProductsContract,
        );
        const event = {
          headers: {},
          requestContext: { requestId: 'r-1' },
        } as unknown as APIGatewayProxyEvent;
        await handler(event, { awsRequestId: 'a-1' } as Context);
        await handler(event, { awsRequestId: 'a-2' } as Context);
      }),
    );

    expect(metrics.filter(({ name }) => name === MetricName.ColdStart)).toHaveLength(1);
  });
});
