import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { createAwsClients } from '@bbws/local-aws';
import { describeStop, startSystem, type BatchLog, type RunningSystem } from '@bbws/dev-server';
import { apiClient, eventually } from './support/http';
import { createProduct, productInput } from './support/products';
import { resourceOf, usePersistedSystems } from './support/persist';

jest.setTimeout(120_000);

describe('a graceful stop (Ctrl-C)', () => {
  const systems = usePersistedSystems();

  it('lets the consumers empty their queues first, reporting progress, and saves nothing left over', async () => {
    const system = await systems.start();
    const api = apiClient(() => system);
    const productIds = await Promise.all(
      Array.from({ length: 10 }, () => createProduct(api, productInput())),
    );
    const progress: string[] = [];

    const report = await system.stop({ drainTimeoutMs: 60_000, log: (line) => progress.push(line) });

    expect(productIds).toHaveLength(10);
    expect(report.drained).toBe(true);
    expect(report.queues.filter((queue) => queue.messages > 0)).toEqual([]);
    expect(Object.values(report.objects ?? {})).toEqual([10]);
    // audit-logger gathers a batch for 5 s, so there is at least one progress line, naming each queue.
    expect(progress[0]).toMatch(
      /^Draining: bbws-product-change-local \d+ left, bbws-product-audit-local \d+ left$/,
    );
  });
});

describe('a stop without --persist', () => {
  let system: RunningSystem | undefined;
  const batches: BatchLog[] = [];
  afterAll(async () => system?.stop());

  it('gives up waiting at the drain timeout, and says what was still in flight and is dropped', async () => {
    system = await startSystem({ port: 0, apiKeyFile: null, onBatch: (batch) => batches.push(batch) });
    const running = system;
    const aws = createAwsClients(running.aws.env);
    const send = (logicalId: string, body: string) =>
      aws.sqs.send(
        new SendMessageCommand({ QueueUrl: resourceOf(running, logicalId).url, MessageBody: body }),
      );
    // product-creator fails it; it comes back only after the queue's 180 s visibility timeout.
    await send('ProductChangeQueue', '{"not":"a change event"}');
    await Promise.all([send('ProductAuditDeadLetterQueue', '{}'), send('ProductAuditDeadLetterQueue', '{}')]);
    aws.destroy();
    await eventually('product-creator to fail the message', async () =>
      batches.some((batch) => batch.failedMessageIds.length > 0) ? true : undefined,
    );
    const progress: string[] = [];

    const report = await running.stop({ drainTimeoutMs: 1500, log: (line) => progress.push(line) });
    system = undefined;
    const changeQueue = resourceOf(running, 'ProductChangeQueue').name;
    const auditDeadLetterQueue = resourceOf(running, 'ProductAuditDeadLetterQueue').name;

    expect(report.fate).toBe('dropped');
    expect(report.drained).toBe(false);
    expect(progress[0]).toContain(`${changeQueue} 1 left`);
    const left = report.queues.filter((queue) => queue.messages > 0);
    expect(left).toHaveLength(2);
    expect(left).toEqual(
      expect.arrayContaining([
        { name: changeQueue, consumer: 'product-creator', messages: 1 },
        { name: auditDeadLetterQueue, messages: 2 },
      ]),
    );
    expect(describeStop(report)).toEqual([
      expect.stringContaining(`1 accepted change not yet processed by product-creator (${changeQueue})`),
      'npm start -- --persist DIR keeps them across a stop.',
    ]);
    expect(describeStop(report)[0]).toContain(`2 messages parked in ${auditDeadLetterQueue}`);
  });
});
