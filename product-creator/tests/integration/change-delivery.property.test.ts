import '../support/quiet-logs';
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  indexAttributes,
  newChangeEvent,
  productKey,
  sqsBatchHandler,
  type ChangeEvent,
  type ChangeEventOutcome,
  type ProcessChangeEvent,
  type ProductInput,
} from '@bbws/core';
import { createAwsClients, type AwsClients } from '@bbws/local-aws';
import { applyEnv, useLocalStack } from '@bbws/testing';
import { optionalProductFields } from '@bbws/testing';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import fc from 'fast-check';
import { auditObjectKey } from '../../../audit-logger/src/record-audit';
import { applySerially, type ModelProduct } from '../support/serial-model';
import { seededRandom, SimulatedQueue, type Random } from '../support/simulated-queue';

// Property: whatever the delivery (duplicates, any order, any batch boundaries, concurrent batches,
// failed records retried until maxReceiveCount and then dead-lettered), the consumers converge on the
// serial application of the accepted changes. The table is dynalite and the bucket fauxqs's S3, for
// real; the two queues are simulated in memory (see simulated-queue.ts) so that fast-check picks the
// delivery order.

type Handler = (event: SQSEvent) => Promise<SQSBatchResponse>;

const stack = useLocalStack();
let aws: AwsClients;
let table: DynamoDBDocumentClient;
let applyChange: ProcessChangeEvent;
let auditHandler: Handler;
let restoreEnv: () => void;

beforeAll(async () => {
  restoreEnv = applyEnv({
    PRODUCTS_TABLE_NAME: stack().resource('ProductsTable').name ?? '',
    AUDIT_BUCKET_NAME: stack().resource('AuditBucket').name ?? '',
  });
  ({ applyChange } = await import('../../src/handler'));
  ({ handler: auditHandler } = await import('../../../audit-logger/src/handler'));
  aws = createAwsClients(stack().env);
  table = DynamoDBDocumentClient.from(aws.dynamodb);
});

afterAll(() => {
  aws.destroy();
  restoreEnv();
});

// --- The scenario fast-check draws -------------------------------------------------------------------

const productInputs = fc.record({
  name: fc.constantFrom('Alpha', 'Beta', 'Gamma'),
  price: fc.integer({ min: 0, max: 50_000 }).map((cents) => cents / 100),
  currency: fc.constantFrom('EUR', 'ZAR'),
});

// Unconditional products get changes without If-Match (last writer wins), some at the same instant;
// conditional ones a chain where each change expects the version the one before it produced, one
// minute apart, as the API would publish them.
const productScripts = fc.record({
  conditional: fc.boolean(),
  created: productInputs,
  changes: fc.array(
    fc.record({
      eventType: fc.constantFrom('UPDATE' as const, 'DELETE' as const),
      product: productInputs,
      minutesLater: fc.integer({ min: 0, max: 2 }),
    }),
    { maxLength: 5 },
  ),
});

const scenarios = fc.record({
  products: fc.array(productScripts, { minLength: 1, maxLength: 3 }),
  poisonMessages: fc.integer({ min: 0, max: 2 }),
  seed: fc.integer(),
});

type ProductScript = typeof productScripts extends fc.Arbitrary<infer T> ? T : never;

const actor = { apiKeyId: 'property', sourceIp: '203.0.113.7', requestId: 'property' };
const MINUTE = 60_000;
let runs = 0;

/** Each run's changes happen on a day of their own, so its audit objects share a prefix with no other's. */
const dayOf = (day: number): Date => new Date(Date.UTC(2024, 0, 1) + day * 24 * 60 * MINUTE);

/** The change events of one product, in the order the API accepted them. */
const changeEventsOf = (productId: string, script: ProductScript, day: number): ChangeEvent[] => {
  let minute = 0;
  let version = 1;
  const at = () => new Date(dayOf(day).getTime() + minute * MINUTE);
  const events = [
    newChangeEvent({ eventType: 'CREATE', productId, product: script.created, actor, now: at() }),
  ];
  for (const change of script.changes) {
    minute += script.conditional
      ? 1 + change.minutesLater
      : Math.max(change.minutesLater, events.length === 1 ? 1 : 0);
    const expectedVersion = script.conditional ? version : undefined;
    const parts = { productId, expectedVersion, actor, now: at() };
    events.push(
      change.eventType === 'UPDATE'
        ? newChangeEvent({ ...parts, eventType: 'UPDATE', product: change.product })
        : newChangeEvent({ ...parts, eventType: 'DELETE' }),
    );
    version += 1;
  }
  return events;
};

// --- Delivery ---------------------------------------------------------------------------------------

const SUCCESS: ChangeEventOutcome[] = ['applied', 'duplicate', 'stale'];

/** SNS fan-out, at least once: every message once, some twice, each queue in its own random order. */
const publish = (bodies: string[], queues: SimulatedQueue[], random: Random) => {
  for (const body of bodies) {
    for (const queue of queues) {
      queue.send(body);
      if (random() < 0.25) queue.send(body);
    }
  }
};

/** Polls with one or two concurrent invocations (maximumConcurrency > 1) until the queue is empty. */
const drain = async (queue: SimulatedQueue, handler: Handler, random: Random) => {
  while (!queue.isEmpty) {
    const invocations = random() < 0.3 ? 2 : 1;
    await Promise.all(
      Array.from({ length: invocations }, () => (queue.isEmpty ? undefined : queue.poll(handler))),
    );
  }
};

const storedItem = async (productId: string) =>
  (
    await table.send(
      new GetCommand({
        TableName: stack().resource('ProductsTable').name,
        Key: productKey(productId),
        ConsistentRead: true,
      }),
    )
  ).Item;

/** What the API can observe of a product, plus the bookkeeping that decides the next change. */
const observable = (productId: string, state: ModelProduct | Record<string, unknown>) => {
  const { active, createdAt, updatedAt, deletedAt, lastEventId } = state as ModelProduct;
  if (!active) return { active, createdAt, updatedAt, deletedAt, lastEventId, indexKeys: {} };
  const { name, price, currency, ...others } = ('product' in state ? state.product : state) as ProductInput;
  const optional = optionalProductFields().filter((field) => field in others);
  const indexKeys = indexAttributes({ productId, name, price, active }).set;
  return { active, createdAt, updatedAt, deletedAt, lastEventId, name, price, currency, optional, indexKeys };
};

const storedIndexKeys = (item: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(item).filter(([name]) => name.startsWith('GSI')));

const auditKeysUnder = async (prefix: string): Promise<string[]> => {
  const listing = await aws.s3.send(
    new ListObjectsV2Command({ Bucket: stack().resource('AuditBucket').name, Prefix: prefix }),
  );
  return (listing.Contents ?? []).map((object) => object.Key ?? '').sort();
};

interface Delivered {
  accepted: ChangeEvent[];
  poison: string[];
  outcomes: Map<string, string[]>;
  changeQueue: SimulatedQueue;
  auditQueue: SimulatedQueue;
}

/** Publishes the scenario's changes (and poison) to both queues and drains them through the consumers. */
const deliver = async (accepted: ChangeEvent[], poison: string[], random: Random): Promise<Delivered> => {
  const outcomes = new Map<string, string[]>();
  const record = (eventId: string, outcome: string) =>
    outcomes.set(eventId, [...(outcomes.get(eventId) ?? []), outcome]);
  const recorded: ProcessChangeEvent = async (changeEvent, delivery) => {
    try {
      const result = await applyChange(changeEvent, delivery);
      record(changeEvent.eventId, result.outcome);
      return result;
    } catch (error) {
      record(changeEvent.eventId, 'failed');
      throw error;
    }
  };
  const changeQueue = new SimulatedQueue({ queueArn: 'change', random });
  const auditQueue = new SimulatedQueue({ queueArn: 'audit', random });
  const bodies = [...accepted.map((event) => JSON.stringify(event)), ...poison].sort(() => random() - 0.5);
  publish(bodies, [changeQueue, auditQueue], random);
  await Promise.all([
    drain(changeQueue, sqsBatchHandler(recorded), random),
    drain(auditQueue, auditHandler, random),
  ]);
  return { accepted, poison, outcomes, changeQueue, auditQueue };
};

const succeededIn =
  ({ outcomes }: Delivered) =>
  (event: ChangeEvent): boolean =>
    (outcomes.get(event.eventId) ?? []).some((outcome) => SUCCESS.includes(outcome as ChangeEventOutcome));

/**
 * No change lost: each accepted change was applied, found a duplicate or superseded by a newer one in
 * some delivery, or every copy of it is in the DLQ. None is applied twice; poison ends in both DLQs.
 */
const expectNoChangeLost = (delivered: Delivered) => {
  const deadLettered = new Set(delivered.changeQueue.deadLetters.map(({ body }) => body));
  for (const event of delivered.accepted) {
    expect(succeededIn(delivered)(event) || deadLettered.has(JSON.stringify(event))).toBe(true);
    const applied = (delivered.outcomes.get(event.eventId) ?? []).filter((outcome) => outcome === 'applied');
    expect(applied.length).toBeLessThanOrEqual(1);
  }
  const auditDeadLetters = delivered.auditQueue.deadLetters.map(({ body }) => body);
  expect(delivered.poison.filter((body) => !deadLettered.has(body))).toEqual([]);
  expect(new Set(auditDeadLetters)).toEqual(new Set(delivered.poison));
};

/**
 * The table equals the serial application of the changes that were not dead-lettered: exactly for what
 * the API can observe, the index keys and lastEventId. The version counts the changes applied: the
 * serial version for a conditional chain (nothing can be skipped), at most that when a change was
 * skipped as stale (last writer wins: it would have been overwritten anyway).
 */
const expectTableMatchesSerial = async (delivered: Delivered, productId: string, conditional: boolean) => {
  const survivors = delivered.accepted.filter(
    (event) => event.productId === productId && succeededIn(delivered)(event),
  );
  const model = applySerially(survivors);
  const item = (await storedItem(productId)) ?? {};
  expect({ ...observable(productId, item), indexKeys: storedIndexKeys(item) }).toEqual(
    observable(productId, model ?? {}),
  );
  const applied = survivors.filter((event) => delivered.outcomes.get(event.eventId)?.includes('applied'));
  expect(item.version).toBe(applied.length);
  if (conditional) expect(item.version).toBe(model?.version);
  else expect(item.version).toBeLessThanOrEqual(model?.version ?? 0);
};

/** The bucket holds exactly one object per accepted change (this run has a day of its own), holding it. */
const expectOneAuditObjectPerChange = async ({ accepted }: Delivered, day: number, random: Random) => {
  const date = dayOf(day).toISOString();
  const prefix = `audit/year=${date.slice(0, 4)}/month=${date.slice(5, 7)}/day=${date.slice(8, 10)}/`;
  expect(await auditKeysUnder(prefix)).toEqual(accepted.map(auditObjectKey).sort());
  const sample = accepted[Math.floor(random() * accepted.length)] as ChangeEvent;
  const stored = await aws.s3.send(
    new GetObjectCommand({ Bucket: stack().resource('AuditBucket').name, Key: auditObjectKey(sample) }),
  );
  expect(JSON.parse((await stored.Body?.transformToString()) ?? 'null')).toMatchObject({ event: sample });
};

describe('change delivery, property-based', () => {
  it('converges on the serial application of the accepted changes, loses none, and audits each once', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async ({ products, poisonMessages, seed }) => {
        runs += 1;
        const random = seededRandom(seed);
        const scripts = products.map((script) => ({ productId: randomUUID(), script }));
        const accepted = scripts.flatMap(({ productId, script }) => changeEventsOf(productId, script, runs));
        const poison = Array.from({ length: poisonMessages }, (_, index) => `{"poison":${index}}`);

        const delivered = await deliver(accepted, poison, random);

        expectNoChangeLost(delivered);
        for (const { productId, script } of scripts) {
          await expectTableMatchesSerial(delivered, productId, script.conditional);
        }
        await expectOneAuditObjectPerChange(delivered, runs, random);
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
