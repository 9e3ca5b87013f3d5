import { setTimeout as delay } from 'node:timers/promises';
import { validateChangeEvent, type ChangeEvent } from '@bbws/core';
import { apiClient, eventually } from '../e2e/support/http';
import { productInput } from '../e2e/support/products';
import {
  copiesOf,
  orphanChanges,
  poisonBodies,
  sendToBoth,
  shuffled,
  syntheticHistories,
  type Delivery,
  type QueueTargets,
} from './support/chaos';
import {
  appliedCount,
  isSettled,
  observableOfItem,
  observableOfModel,
  outcomesByEvent,
  serialModel,
} from './support/convergence';
import { pick, runPool, seededRandom } from './support/pool';
import { auditKeys, deadLetterBodies, expectedAuditKey, queueDepth, tableItems } from './support/stores';
import { useReliabilitySystem } from './support/system';
import { tapTopic, type TopicTap } from './support/topic-tap';

// At least a thousand changes through the API, while the test injects into the consumers' queues extra
// and late copies of what was published (duplicates, reordering), histories of its own sent shuffled,
// changes that can never apply, and poison. Then, once both queues are empty, the invariants of issue #6.

jest.setTimeout(900_000);

const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 2_147_483_647);
const random = seededRandom(SEED);
const PRODUCTS = Number(process.env.CHAOS_PRODUCTS ?? 300);
const CHANGES = Number(process.env.CHAOS_CHANGES ?? 1_000);
// Issue #6 asks for at least 1,000; smaller runs (CHAOS_PRODUCTS, CHAOS_CHANGES) for trying things out.
const MIN_ACCEPTED = Math.min(1_000, Math.floor((PRODUCTS + CHANGES) * 0.8));
const CONCURRENCY = 16;
const plan = { duplicateChance: 0.3, burstChance: 0.05, maxDelaySeconds: 8 };

const sut = useReliabilitySystem({ httpConcurrency: 4 });
const api = apiClient(() => sut().system);
const statuses = new Map<number, number>();
const published = new Map<string, ChangeEvent>();
const injected: { copies: number; synthetic: ChangeEvent[]; orphans: ChangeEvent[]; poison: string[] } = {
  copies: 0,
  synthetic: [],
  orphans: [],
  poison: [],
};
const startedAt = performance.now();
let tap: TopicTap;
let queues: QueueTargets;

const note = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

const changeBody = () => {
  const { name, price, currency, description, sku } = productInput({
    price: Math.floor(random() * 100_000) / 100,
  });
  return random() < 0.5 ? { name, price, currency } : { name, price, currency, description, sku };
};

const createProducts = async (): Promise<string[]> => {
  const created = await runPool(Array.from({ length: PRODUCTS }), CONCURRENCY, async () => {
    const response = await api<{ productId: string }>('/v1.0/products', {
      method: 'POST',
      body: productInput(),
    });
    note(response.status);
    return response.status === 202 ? response.body.productId : undefined;
  });
  return created.filter((productId): productId is string => productId !== undefined);
};

/** One change through the API: mostly unconditional PUTs, some with If-Match from a fresh GET, a few DELETEs. */
const changeProduct = async (productId: string) => {
  const draw = random();
  if (draw < 0.05) {
    note((await api(`/v1.0/products/${productId}`, { method: 'DELETE' })).status);
    return;
  }
  const headers: Record<string, string> = {};
  if (draw < 0.2) {
    const current = await api(`/v1.0/products/${productId}`);
    note(current.status);
    headers['If-Match'] = current.headers.get('etag') ?? '"1"';
  }
  note((await api(`/v1.0/products/${productId}`, { method: 'PUT', body: changeBody(), headers })).status);
};

/** Takes what the topic published off the tap and sends extra, late copies of some of it to both queues. */
const injectCopies = async (waitSeconds: number) => {
  const bodies = await tap.drain({ waitSeconds });
  for (const body of bodies) {
    const event = validateChangeEvent(JSON.parse(body));
    published.set(event.eventId, event);
  }
  const copies = copiesOf(bodies, plan, random);
  injected.copies += copies.length;
  await sendToBoth(sut().aws, queues, copies);
};

const startCopying = () => {
  let running = true;
  const loop = (async () => {
    for (let round = 0; running && round < 10_000; round += 1) {
      await injectCopies(0);
      await delay(250);
    }
  })();
  return async () => {
    running = false;
    await loop;
    await injectCopies(1);
  };
};

/** Histories of products the API never saw, orphan changes and poison, in shuffled order with delays. */
const injectOwnTraffic = async () => {
  const histories = syntheticHistories(40, random);
  injected.synthetic = histories.flat();
  injected.orphans = orphanChanges(10);
  injected.poison = poisonBodies(30);
  const events = [...injected.synthetic, ...injected.orphans].map((event) => JSON.stringify(event));
  const deliveries: Delivery[] = [...events, ...injected.poison].map((body) => ({
    body,
    delaySeconds: Math.floor(random() * 7),
  }));
  const extra = copiesOf(events, plan, random);
  injected.copies += extra.length;
  await sendToBoth(sut().aws, queues, shuffled([...deliveries, ...extra], random));
};

/** Both consumer queues empty (nothing visible, in flight or delayed) on two readings in a row. */
const quiescence = async () => {
  let emptyReadings = 0;
  await eventually(
    'both consumer queues to be empty twice in a row',
    async () => {
      const depths = await Promise.all(
        [queues.change, queues.audit].map((url) => queueDepth(sut().aws, url)),
      );
      emptyReadings = depths.every((depth) => depth === 0) ? emptyReadings + 1 : 0;
      return emptyReadings >= 2 ? depths : undefined;
    },
    { timeoutMs: 480_000, intervalMs: 2_000 },
  );
};

beforeAll(async () => {
  queues = {
    change: sut().resource('ProductChangeQueue').url ?? '',
    audit: sut().resource('ProductAuditQueue').url ?? '',
  };
  tap = await tapTopic(sut().aws, sut().resource('ProductEventsTopic').arn ?? '', `chaos-tap-${Date.now()}`);
  const stopCopying = startCopying();
  const productIds = await createProducts();
  const changes = Array.from({ length: CHANGES }, () => pick(random, productIds));
  await Promise.all([runPool(changes, CONCURRENCY, changeProduct), injectOwnTraffic()]);
  await stopCopying();
  await quiescence();
}, 900_000);

const accepted = () => [...published.values(), ...injected.synthetic, ...injected.orphans];

describe(`chaos on the local stack (seed ${SEED})`, () => {
  it(`accepted at least ${MIN_ACCEPTED} changes through the API and answered none with a 5xx`, () => {
    const serverErrors = [...statuses].filter(([status]) => status >= 500);

    expect(serverErrors).toEqual([]);
    expect(published.size).toBeGreaterThanOrEqual(MIN_ACCEPTED);
    expect(injected.copies).toBeGreaterThan(0);
  });

  it('settled every accepted change (applied, duplicate or superseded) or dead-lettered it, and applied none twice', async () => {
    const outcomes = outcomesByEvent(sut().outcomes);
    const deadBodies = await deadLetterBodies(
      sut().aws,
      sut().resource('ProductChangeDeadLetterQueue').url ?? '',
    );
    const dead = new Set([...deadBodies, ...deadBodies.map(eventIdOf)]);
    const lost = accepted().filter(
      (event) => !isSettled(outcomes, event.eventId) && !dead.has(event.eventId),
    );
    const appliedTwice = accepted().filter((event) => appliedCount(outcomes, event.eventId) > 1);
    const unconditionalDead = [...published.values()].filter(
      (event) => event.expectedVersion === undefined && dead.has(event.eventId),
    );

    expect(lost).toEqual([]);
    expect(appliedTwice).toEqual([]);
    expect(unconditionalDead).toEqual([]);
    expect(injected.orphans.every((event) => dead.has(event.eventId))).toBe(true);
    expect(injected.poison.every((body) => dead.has(body))).toBe(true);
    report({
      changeDeadLetters: deadBodies.length,
      deadLetteredUnsettled: {
        api: [...published.values()].filter((event) => !isSettled(outcomes, event.eventId)).length,
        synthetic: injected.synthetic.filter((event) => !isSettled(outcomes, event.eventId)).length,
        orphans: injected.orphans.filter((event) => !isSettled(outcomes, event.eventId)).length,
      },
      outcomes: tally(sut().outcomes.map((line) => `${line.service}:${line.outcome}`)),
    });
  });

  it('holds in the table exactly the serial application of the settled changes, in accepted order', async () => {
    const outcomes = outcomesByEvent(sut().outcomes);
    const model = serialModel(accepted(), outcomes);
    const items = await tableItems(sut().aws, sut().resource('ProductsTable').name);
    const applied = new Map<string, number>();
    for (const event of accepted()) {
      applied.set(
        event.productId,
        (applied.get(event.productId) ?? 0) + appliedCount(outcomes, event.eventId),
      );
    }

    for (const [productId, expected] of model) {
      const item = items.get(productId) ?? {};
      expect({ productId, ...observableOfItem(item) }).toEqual({
        productId,
        ...(expected ? observableOfModel(productId, expected) : {}),
      });
      expect({ productId, version: item.version }).toEqual({ productId, version: applied.get(productId) });
      expect(Number(item.version)).toBeLessThanOrEqual(expected?.version ?? 0);
    }
    expect([...items.keys()].filter((productId) => !model.has(productId))).toEqual([]);
  });

  it('holds exactly one audit object per accepted change, poison in the audit dead-letter queue', async () => {
    const keys = await auditKeys(sut().aws, sut().resource('AuditBucket').name);
    const dead = await deadLetterBodies(sut().aws, sut().resource('ProductAuditDeadLetterQueue').url ?? '');

    expect(keys.length).toBe(new Set(keys).size);
    expect(keys.sort()).toEqual(accepted().map(expectedAuditKey).sort());
    expect(injected.poison.filter((body) => !dead.includes(body))).toEqual([]);
    report({
      acceptedThroughApi: published.size,
      synthetic: injected.synthetic.length,
      orphans: injected.orphans.length,
      copiesInjected: injected.copies,
      poison: injected.poison.length,
      auditObjects: keys.length,
      statuses: Object.fromEntries(statuses),
      seconds: Math.round((performance.now() - startedAt) / 1000),
    });
  });
});

function eventIdOf(body: string): string {
  try {
    return String((JSON.parse(body) as { eventId?: unknown }).eventId);
  } catch {
    return body;
  }
}

function tally(values: string[]): Record<string, number> {
  return values.reduce<Record<string, number>>(
    (counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }),
    {},
  );
}

function report(figures: Record<string, unknown>) {
  process.stdout.write(`chaos (seed ${SEED}): ${JSON.stringify(figures)}\n`);
}
