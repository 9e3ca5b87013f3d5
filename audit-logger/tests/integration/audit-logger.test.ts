import '../support/quiet-logs';
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { newChangeEvent, type ChangeEvent } from '@bbws/core';
import { createAwsClients, type AwsClients } from '@bbws/local-aws';
import { applyEnv, consumeInProcess, useLocalStack, type BatchLog } from '@bbws/testing';
import { auditObjectKey } from '../../src/record-audit';

// A failed record comes back after the queue's visibility timeout, as in Lambda: 3 s here instead of 180,
// still longer than a batch takes to gather (its window) and be handled, as Lambda requires.
const stack = useLocalStack({ queueVisibilityTimeouts: { ProductAuditQueue: 3 } });
let aws: AwsClients;
let auditQueue: ReturnType<typeof consumeInProcess>;
// A record that keeps failing is received five times (maxReceiveCount), a visibility timeout apart.
const REDELIVERY_MS = 45_000;
let restoreEnv: () => void;

beforeAll(async () => {
  restoreEnv = applyEnv({
    AUDIT_BUCKET_NAME: stack().resource('AuditBucket').name ?? '',
  });
  // The handler builds its SDK client and reads its config at module scope: import it once the stack runs.
  const { handler } = await import('../../src/handler');
  aws = createAwsClients(stack().env);
  const queue = stack().resource('ProductAuditQueue');
  // A batching window (audit-logger's event source has one) gathers messages published one after another.
  auditQueue = consumeInProcess({
    sqs: aws.sqs,
    queue,
    region: stack().region,
    handler,
    batchingWindowSeconds: 1,
  });
});

afterAll(async () => {
  await auditQueue.stop();
  aws.destroy();
  restoreEnv();
});

const counts = ({ messageIds, failedMessageIds }: BatchLog) => ({
  received: messageIds.length,
  failed: failedMessageIds.length,
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

    await auditQueue.drained();

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
    await auditQueue.drained();
    const first = await storedAuditRecord(changeEvent);
    await publish(changeEvent);
    await auditQueue.drained();

    const productPrefix = auditObjectKey(changeEvent).replace(/[^/]+$/, '');
    const listing = await aws.s3.send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: productPrefix }));
    expect(listing.Contents?.map((object) => object.Key)).toEqual([auditObjectKey(changeEvent)]);
    expect((await storedAuditRecord(changeEvent)).body.delivery.messageId).not.toBe(
      first.body.delivery.messageId,
    );
  });

  it(
    'reports a poison message failed until SQS moves it to the DLQ, recording the rest of its batch',
    async () => {
      const changeEvent = newChangeEvent({ eventType: 'DELETE', productId: randomUUID(), actor });
      const firstDelivery = auditQueue.nextBatch();
      await publish('not a change event');
      await publish(changeEvent);

      expect(counts(await firstDelivery)).toEqual({ received: 2, failed: 1 });
      await auditQueue.drained(REDELIVERY_MS);

      expect((await storedAuditRecord(changeEvent)).body.event).toEqual(changeEvent);
      const { Messages = [] } = await aws.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: stack().resource('ProductAuditDeadLetterQueue').url,
          VisibilityTimeout: 0,
        }),
      );
      expect(Messages.map((message) => message.Body)).toContain('not a change event');
    },
    REDELIVERY_MS,
  );
});
