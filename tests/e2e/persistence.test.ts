import { setTimeout as delay } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { PublishCommand } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { createAwsClients } from '@bbws/local-aws';
import { type RunningSystem } from '@bbws/dev-server';
import { apiClient, eventually } from './support/http';
import { productInput, visibleProduct } from './support/products';
import { auditKeys, messagesIn, resourceOf, usePersistedSystems } from './support/persist';

jest.setTimeout(180_000);

const WRITERS = 20;
const WRITING_MS = 1500;

/** POSTs products from `WRITERS` loops until the API stops answering 202; the ids of the 202s. */
const writeUntilRefused = async (system: RunningSystem, accepted: string[], refusals: number[]) => {
  const api = apiClient(() => system);
  const writer = async () => {
    for (;;) {
      const response = await api<{ productId: string }>('/v1.0/products', {
        method: 'POST',
        body: productInput(),
      }).catch(() => undefined);
      if (response?.status !== 202) return refusals.push(response?.status ?? 0);
      accepted.push(response.body.productId);
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
};

describe('a stop while writes are in flight, and a restart with the same --persist directory', () => {
  const systems = usePersistedSystems();

  it('applies and audits every accepted change exactly once', async () => {
    const first = await systems.start();
    const accepted: string[] = [];
    const refusals: number[] = [];
    const writing = writeUntilRefused(first, accepted, refusals);
    await delay(WRITING_MS);
    // No drain: the stop a second Ctrl-C makes, with the most left in the queues.
    const report = await first.stop();
    await writing;
    const auditQueue = report.queues.find(
      (queue) => queue.name === resourceOf(first, 'ProductAuditQueue').name,
    );
    const auditedBeforeStop = Object.values(report.objects ?? {}).reduce((sum, count) => sum + count, 0);

    const second = await systems.start();
    const api = apiClient(() => second);
    await Promise.all(accepted.map((productId) => visibleProduct(api, productId)));
    await eventually('the consumer queues to be empty', async () => {
      const left = await Promise.all(
        ['ProductChangeQueue', 'ProductAuditQueue'].map((logicalId) => messagesIn(second, logicalId)),
      );
      return left.every((count) => count === 0) ? true : undefined;
    });
    const keys = await auditKeys(second);
    const products = await Promise.all(
      accepted.map((productId) => api<{ version: number }>(`/v1.0/products/${productId}`)),
    );

    expect(accepted.length).toBeGreaterThan(0);
    // The writers stop at the first answer other than 202: the gateway's 503, or a refused connection.
    expect(refusals.every((status) => status === 503 || status === 0)).toBe(true);
    expect(report.fate).toBe('saved');
    // At the stop, every accepted change was audited already or saved in the audit queue.
    expect(auditedBeforeStop + (auditQueue?.messages ?? 0)).toBeGreaterThanOrEqual(accepted.length);
    expect(second.apiKey).toBe(first.apiKey);
    expect(products.map((product) => [product.status, product.body.version])).toEqual(
      accepted.map(() => [200, 1]),
    );
    expect(accepted.map((productId) => keys.filter((key) => key.includes(`/${productId}/`)).length)).toEqual(
      accepted.map(() => 1),
    );
    expect(keys).toHaveLength(accepted.length);
  });
});
describe('a message parked in a dead-letter queue', () => {
  // Redelivery after 1 s instead of 180 s, so the poison message reaches the DLQ within seconds.
  const systems = usePersistedSystems({ queueVisibilityTimeouts: { ProductChangeQueue: 1 } });

  const receiveParked = async (system: RunningSystem) => {
    const aws = createAwsClients(system.aws.env);
    try {
      const { Messages = [] } = await aws.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: resourceOf(system, 'ProductChangeDeadLetterQueue').url,
          VisibilityTimeout: 0,
          WaitTimeSeconds: 1,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
      );
      return Messages.map((message) => ({
        body: message.Body,
        receiveCount: Number(message.Attributes?.ApproximateReceiveCount),
      }));
    } finally {
      aws.destroy();
    }
  };

  it('is still there after a stop and a restart, with its receive count', async () => {
    const first = await systems.start();
    const poison = JSON.stringify({ eventType: 'CREATE', poison: randomUUID() });
    const aws = createAwsClients(first.aws.env);
    await aws.sns
      .send(new PublishCommand({ TopicArn: resourceOf(first, 'ProductEventsTopic').arn, Message: poison }))
      .finally(() => aws.destroy());
    await eventually(
      'the poison message in the dead-letter queue',
      async () => ((await messagesIn(first, 'ProductChangeDeadLetterQueue')) === 1 ? true : undefined),
      { timeoutMs: 60_000 },
    );
    const [parked] = await receiveParked(first);
    const report = await first.stop();

    const second = await systems.start();
    const afterRestart = await receiveParked(second);

    expect(parked?.body).toBe(poison);
    expect(
      report.queues.find((queue) => queue.name === resourceOf(first, 'ProductChangeDeadLetterQueue').name)
        ?.messages,
    ).toBe(1);
    expect(second.restored?.messages[resourceOf(second, 'ProductChangeDeadLetterQueue').name]).toBe(1);
    // Received once more here, so one more than before the stop.
    expect(afterRestart).toEqual([{ body: poison, receiveCount: (parked?.receiveCount ?? 0) + 1 }]);
  });
});
