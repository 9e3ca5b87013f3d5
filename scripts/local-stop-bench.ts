// What a stop and a restart cost with a backlog: saving N queued change events (--persist), restoring them
// at the next start, and draining them (Ctrl-C waiting for the consumers), plus N messages parked in a DLQ
// after maxReceiveCount receives (restored with their receive counts).
// Usage: npx tsx scripts/local-stop-bench.ts [--messages 1000]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PublishBatchCommand } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { newChangeEvent } from '@bbws/core';
import { createAwsClients, startLocalStack, type AwsClients, type LocalStack } from '@bbws/local-aws';
import { saveSnapshot, SNAPSHOT_FILE, startSystem } from '@bbws/dev-server';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values: flags } = parseArgs({ options: { messages: { type: 'string', default: '1000' } } });
const count = Number(flags.messages);
const PARKED_RECEIVES = 6;

const inBatches = async (total: number, send: (size: number) => Promise<unknown>) => {
  for (let sent = 0; sent < total; sent += 10) await send(Math.min(10, total - sent));
};

const publishChanges = (stack: LocalStack, aws: AwsClients) =>
  inBatches(count, (size) =>
    aws.sns.send(
      new PublishBatchCommand({
        TopicArn: stack.resource('ProductEventsTopic').arn,
        PublishBatchRequestEntries: Array.from({ length: size }, (_, index) => ({
          Id: String(index),
          Message: JSON.stringify(
            newChangeEvent({
              eventType: 'CREATE',
              productId: randomUUID(),
              product: { name: `Bench ${randomUUID()}`, price: 10, currency: 'EUR' },
              actor: { apiKeyId: 'bench', sourceIp: '127.0.0.1', requestId: randomUUID() },
            }),
          ),
          MessageAttributes: { eventType: { DataType: 'String', StringValue: 'CREATE' } },
        })),
      }),
    ),
  );

// Messages as they sit in a DLQ after maxReceiveCount failed deliveries: received several times.
const parkMessages = async (queueUrl: string, aws: AwsClients) => {
  await inBatches(count, (size) =>
    aws.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Array.from({ length: size }, (_, index) => ({
          Id: String(index),
          MessageBody: '{"poison":true}',
        })),
      }),
    ),
  );
  for (let round = 0; round < PARKED_RECEIVES; round += 1) {
    for (let received = 0; received < count;) {
      const { Messages = [] } = await aws.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
      );
      received += Messages.length;
    }
  }
};

const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const startedAt = performance.now();
  const result = await work();
  return [result, Math.round(performance.now() - startedAt)];
};

/** Fills emulators with the backlog and saves it as a stop with --persist would. */
const saveBacklog = async (dir: string, park: boolean) => {
  const stack = await startLocalStack();
  const aws = createAwsClients(stack.env);
  try {
    if (park) await parkMessages(stack.resource('ProductChangeDeadLetterQueue').url ?? '', aws);
    else await publishChanges(stack, aws);
    const queues = Object.values(stack.resources)
      .filter((resource) => resource.type === 'AWS::SQS::Queue')
      .map(({ name, url }) => ({ name, url: url ?? '' }));
    const state = { sqsEndpoint: stack.endpoints.sqs, sqs: aws.sqs, s3: aws.s3, queues, buckets: [] };
    const [, saveMs] = await timed(() => saveSnapshot(dir, state));
    return { saveMs, fileKiB: Math.round(statSync(path.join(dir, SNAPSHOT_FILE)).size / 1024) };
  } finally {
    aws.destroy();
    await stack.stop();
  }
};

const measure = async (label: string, park: boolean) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bbws-stop-bench-'));
  try {
    const saved = await saveBacklog(dir, park);
    const system = await startSystem({ port: 0, apiKeyFile: null, persistDir: dir, packaging: 'never' });
    const [report, drainMs] = await timed(() => system.stop({ drainTimeoutMs: 600_000 }));
    console.log(
      JSON.stringify({
        backlog: label,
        saveMs: saved.saveMs,
        snapshotKiB: saved.fileKiB,
        restoreMs: system.restored?.durationMs,
        restored: system.restored?.messages,
        // Parked messages have no consumer: their stop only saves them.
        drainMs,
        drained: report.drained,
        leftAfterStop: Object.fromEntries(report.queues.map(({ name, messages }) => [name, messages])),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const main = async () => {
  await measure(`${count} queued change events (one message in each consumer queue)`, false);
  await measure(`${count} messages parked in the change DLQ after ${PARKED_RECEIVES} receives`, true);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
