import { randomUUID } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { loadTemplate, resourcesOfType } from '../templates/support/templates';
import { apiClient, eventually } from './support/http';
import { useSystem, useSystemAws } from './support/system';

// The change-event contract of docs/change-events.md, against today's consumers running as deployed:
// events of a later minor version are applied and audited; an event of another major version is refused
// by both consumers and parked in both DLQs through the queues' own redrive. Both queues run with a 2 s
// visibility timeout here (180 s in the template), so five receives take seconds.
jest.setTimeout(90_000);

const sut = useSystem({ queueVisibilityTimeouts: { ProductAuditQueue: 2 } });
const api = apiClient(() => sut().system);
const { aws, resource } = useSystemAws(sut);

/** A change event as a producer of another version would publish it, straight to the topic. */
const publish = async (changeEvent: Record<string, unknown>) => {
  const message = JSON.stringify(changeEvent);
  await aws().sns.send(
    new PublishCommand({
      TopicArn: resource('ProductEventsTopic').arn,
      Message: message,
      MessageAttributes: { eventType: { DataType: 'String', StringValue: String(changeEvent.eventType) } },
    }),
  );
  return message;
};

const changeEvent = (productId: string, eventType: 'CREATE' | 'UPDATE', fields: Record<string, unknown>) => ({
  schemaVersion: 1,
  eventId: randomUUID(),
  eventType,
  productId,
  occurredAt: new Date().toISOString(),
  actor: { apiKeyId: 'e2e-producer', sourceIp: '203.0.113.10', requestId: randomUUID() },
  ...fields,
});

const auditObjects = async (productId: string) => {
  const bucket = resource('AuditBucket').name;
  const { Contents = [] } = await aws().s3.send(
    new ListObjectsV2Command({ Bucket: bucket, Prefix: 'audit/' }),
  );
  const ours = Contents.filter((object) => object.Key?.includes(`/${productId}/`));
  return Promise.all(
    ours.map(async ({ Key }) => {
      const object = await aws().s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
      return JSON.parse((await object.Body?.transformToString()) ?? '{}') as {
        event: Record<string, unknown>;
      };
    }),
  );
};

const deadLetterBodies = async (logicalId: string) => {
  const { Messages = [] } = await aws().sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: resource(logicalId).url,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      VisibilityTimeout: 0,
    }),
  );
  return Messages.map((message) => message.Body ?? '');
};

describe('events of a later minor version (1.x) through today’s consumers', () => {
  const productId = randomUUID();
  const create = changeEvent(productId, 'CREATE', {
    schemaMinorVersion: 4,
    traceId: 'trace-from-a-newer-producer',
    product: { name: 'Moka Pot', price: 29.5, currency: 'EUR', stock: 12, colours: ['silver'] },
    actor: { apiKeyId: 'e2e-producer', sourceIp: '203.0.113.10', requestId: randomUUID(), userAgent: 'next' },
  });
  // Accepted after the create, as a real update is: with the same occurredAt, last-writer-wins would order
  // the two by eventId and could take the update for a stale one.
  const update = changeEvent(productId, 'UPDATE', {
    schemaMinorVersion: 7,
    occurredAt: new Date(Date.parse(create.occurredAt) + 1000).toISOString(),
    expectedVersion: 1,
    product: { name: 'Moka Pot', price: 27, currency: 'EUR', stock: 9 },
  });

  beforeAll(async () => {
    await publish(create);
    await publish(update);
  });

  it('are applied by product-creator with the fields it knows, nothing else', async () => {
    const product = await eventually('the update applied', async () => {
      const { status, body } = await api(`/v1.0/products/${productId}`);
      return status === 200 && body.version === 2 ? body : undefined;
    });

    expect(product).toEqual({
      productId,
      name: 'Moka Pot',
      price: 27,
      currency: 'EUR',
      active: true,
      version: 2,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('are recorded by audit-logger exactly as received, unknown fields included', async () => {
    const audited = await eventually('both events in the audit bucket', async () => {
      const records = await auditObjects(productId);
      return records.length === 2 ? records.map((record) => record.event) : undefined;
    });

    expect(audited).toEqual(expect.arrayContaining([create, update]));
  });
});

describe('an event of another major version (a breaking change)', () => {
  const productId = randomUUID();
  let published: string;

  beforeAll(async () => {
    published = await publish(
      changeEvent(productId, 'CREATE', {
        schemaVersion: 2,
        product: { title: 'Moka Pot', amount: { value: 29.5, currency: 'EUR' } },
      }),
    );
  });

  it.each([
    ['product-creator', 'ProductChangeDeadLetterQueue'],
    ['audit-logger', 'ProductAuditDeadLetterQueue'],
  ])(
    'is refused by %s and parked in %s, whose alarm fires on one message',
    async (_consumer, deadLetterQueue) => {
      const parked = await eventually(
        `the event in ${deadLetterQueue}`,
        async () => (await deadLetterBodies(deadLetterQueue)).find((body) => body === published),
        { timeoutMs: 60_000 },
      );
      const alarms = resourcesOfType(loadTemplate('infrastructure'), 'AWS::CloudWatch::Alarm').map(
        ([, alarm]) => alarm.Properties ?? {},
      );

      expect(parked).toBe(published);
      expect(alarms).toContainEqual(
        expect.objectContaining({
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [deadLetterQueue, 'QueueName'] } }],
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
        }),
      );
    },
  );

  it('is neither applied nor audited', async () => {
    expect((await api(`/v1.0/products/${productId}`)).status).toBe(404);
    expect(await auditObjects(productId)).toEqual([]);
  });
});
