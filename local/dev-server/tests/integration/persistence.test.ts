import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { useLocalStack } from '@bbws/testing';
import { createAwsClients, type AwsClients, type LocalStack } from '@bbws/local-aws';
import { restoreSnapshot, saveSnapshot, type EmulatorState } from '../../src/persistence';
import { inspectQueue } from '../../src/queue-snapshot';

// Two emulator instances: the one that stops (saved from) and a fresh one (restored into).
const before = useLocalStack({ setProcessEnv: false });
const after = useLocalStack({ setProcessEnv: false });
const clients: AwsClients[] = [];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bbws-persist-'));
});
afterAll(() => {
  clients.forEach((client) => client.destroy());
  rmSync(dir, { recursive: true, force: true });
});

const stateOf = (stack: LocalStack): EmulatorState => {
  const aws = createAwsClients(stack.env);
  clients.push(aws);
  return {
    sqsEndpoint: stack.endpoints.sqs,
    sqs: aws.sqs,
    s3: aws.s3,
    queues: ['ProductChangeQueue', 'ProductChangeDeadLetterQueue'].map((logicalId) => ({
      name: stack.resource(logicalId).name,
      url: stack.resource(logicalId).url ?? '',
    })),
    buckets: [stack.resource('AuditBucket').name],
  };
};

const receiveTimes = async (state: EmulatorState, queueUrl: string, times: number) => {
  for (let receive = 0; receive < times; receive += 1) {
    await state.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
    );
  }
};

const summary = async (stack: LocalStack, logicalId: string) =>
  (await inspectQueue(stack.endpoints.sqs, stack.resource(logicalId).name))
    .map(({ body, attributes, receiveCount }) => ({ body, attributes, receiveCount }))
    .sort((a, b) => a.body.localeCompare(b.body));

describe('a snapshot of the emulators (--persist)', () => {
  it('puts every message back with its body, attributes and receive count, and every object', async () => {
    const saving = stateOf(before());
    const [changeQueue, deadLetterQueue] = saving.queues.map((queue) => queue.url) as [string, string];
    const bucket = before().resource('AuditBucket').name;
    const send = (queueUrl: string, body: string) =>
      saving.sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: body,
          MessageAttributes: { eventType: { DataType: 'String', StringValue: 'CREATE' } },
        }),
      );
    await send(deadLetterQueue, 'parked');
    await receiveTimes(saving, deadLetterQueue, 6);
    await send(changeQueue, 'received twice');
    await receiveTimes(saving, changeQueue, 2);
    await send(changeQueue, 'never received');
    await saving.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'audit/year=2026/p-1/e-1.json',
        Body: '{"event":1}',
        ContentType: 'application/json',
      }),
    );
    const expected = {
      change: await summary(before(), 'ProductChangeQueue'),
      deadLetter: await summary(before(), 'ProductChangeDeadLetterQueue'),
    };

    const saved = await saveSnapshot(dir, saving);
    const restored = await restoreSnapshot(dir, stateOf(after()), () => undefined);
    const object = await stateOf(after()).s3.send(
      new GetObjectCommand({
        Bucket: after().resource('AuditBucket').name,
        Key: 'audit/year=2026/p-1/e-1.json',
      }),
    );

    expect(expected.change.map(({ receiveCount }) => receiveCount)).toEqual([0, 2]);
    expect(expected.deadLetter.map(({ receiveCount }) => receiveCount)).toEqual([6]);
    expect(restored).toEqual(saved);
    expect(await summary(after(), 'ProductChangeQueue')).toEqual(expected.change);
    expect(await summary(after(), 'ProductChangeDeadLetterQueue')).toEqual(expected.deadLetter);
    expect(object.ContentType).toBe('application/json');
    expect(await object.Body?.transformToString()).toBe('{"event":1}');
  });

  it('restores nothing from a directory without a snapshot', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'bbws-persist-empty-'));

    try {
      expect(await restoreSnapshot(empty, stateOf(after()), () => undefined)).toBeUndefined();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
