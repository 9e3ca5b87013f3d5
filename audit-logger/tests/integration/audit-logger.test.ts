import '../support/quiet-logs';
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { newChangeEvent, type ChangeEvent } from '@bbws/core';
import {
  applyEnv,
  createAwsClients,
  drain,
  pollOnce,
  useLocalStack,
  type AwsClients,
  type EventSource,
} from '@bbws/local';
import { auditObjectKey } from '../../src/record-audit';

const stack = useLocalStack();
let aws: AwsClients;
let auditQueue: EventSource;
let restoreEnv: () => void;

beforeAll(async () => {
  restoreEnv = applyEnv({
    AUDIT_BUCKET_NAME: stack().resource('AuditBucket').name ?? '',
  });
  // The handler builds its SDK client and reads its config at module scope: import it once the stack runs.
  const { handler } = await import('../../src/handler');
  aws = createAwsClients(stack().env);
  const queue = stack().resource('ProductAuditQueue');
  auditQueue = { sqs: aws.sqs, queueUrl: queue.url ?? '', queueArn: queue.arn ?? '', handler, batchSize: 10 };
});

afterAll(() => {
  aws.destroy();
  restoreEnv();
});

const bucket = () => stack().resource('AuditBucket').name;

const actor = { apiKeyId: 'test-key', sourceIp: '203.0.113.10', requestId: 'test-request' };

const publish = async (message: ChangeEvent | string) => {
  const changeEvent = typeof message === 'string' ? undefined : message;
  await aws.sns.send(
    new PublishCommand({
      TopicArn: stack().resource('ProductEventsTopic').arn,
      Message: typeof message === 'string' ? message : JSON.stringify(message),
      MessageAttributes: changeEvent && {
        eventType: { DataType: 'String', StringValue: changeEvent.eventType },
      },
    }),
  );
};

const storedAuditRecord = async (changeEvent: ChangeEvent) => {
  const object = await aws.s3.send(
    new GetObjectCommand({ Bucket: bucket(), Key: auditObjectKey(changeEvent) }),
  );
  return {
    contentType: object.ContentType,
    body: JSON.parse((await object.Body?.transformToString()) ?? 'null'),
  };
};

describe('audit-logger against the local stack', () => {
  it('writes each change event published to the topic as one JSON object with its delivery', async () => {
    const productId = randomUUID();
    const changeEvents = [
      newChangeEvent({
        eventType: 'CREATE',
        productId,
        product: { name: 'Jug', price: 5, currency: 'EUR' },
        actor,
      }),
      newChangeEvent({ eventType: 'DELETE', productId, expectedVersion: 1, actor }),
    ];
    for (const changeEvent of changeEvents) await publish(changeEvent);

    await drain(auditQueue);

    for (const changeEvent of changeEvents) {
      expect(await storedAuditRecord(changeEvent)).toEqual({
        contentType: 'application/json',
        body: {
          event: changeEvent,
          delivery: { messageId: expect.any(String), receiveCount: 1, receivedAt: expect.any(String) },
        },
      });
    }
  });

  it('overwrites the same key when the event is delivered again', async () => {
    const changeEvent = newChangeEvent({
      eventType: 'UPDATE',
      productId: randomUUID(),
      product: { name: 'Jug', price: 6, currency: 'EUR' },
      actor,
    });

    await publish(changeEvent);
    await drain(auditQueue);
    const first = await storedAuditRecord(changeEvent);
    await publish(changeEvent);
    await drain(auditQueue);

    const productPrefix = auditObjectKey(changeEvent).replace(/[^/]+$/, '');
    const listing = await aws.s3.send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: productPrefix }));
    expect(listing.Contents?.map((object) => object.Key)).toEqual([auditObjectKey(changeEvent)]);
    expect((await storedAuditRecord(changeEvent)).body.delivery.messageId).not.toBe(
      first.body.delivery.messageId,
    );
  });

  it('reports a poison message failed until SQS moves it to the DLQ, recording the rest of its batch', async () => {
    const changeEvent = newChangeEvent({ eventType: 'DELETE', productId: randomUUID(), actor });
    await publish('not a change event');
    await publish(changeEvent);

    expect(await pollOnce(auditQueue)).toEqual({ received: 2, failed: 1 });
    await drain(auditQueue);

    expect((await storedAuditRecord(changeEvent)).body.event).toEqual(changeEvent);
    const { Messages = [] } = await aws.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: stack().resource('ProductAuditDeadLetterQueue').url,
        VisibilityTimeout: 0,
      }),
    );
    expect(Messages.map((message) => message.Body)).toContain('not a change event');
  });
});
