import { validateChangeEvent, type ChangeEvent } from '@bbws/core';
import { eventually } from '../e2e/support/http';
import { productInput } from '../e2e/support/products';
import { percentiles, pick, runPool, seededRandom } from './support/pool';
import { auditKeys, expectedAuditKey, tableItems } from './support/stores';
import { useReliabilitySystem } from './support/system';
import { tapTopic, type TopicTap } from './support/topic-tap';

// 5,000 POSTs at concurrency 50 through the local endpoint, with GETs and listings running beside them;
// then every created product must be persisted and audited. Throughput and latency are measured and
// printed, never asserted (they depend on the machine). LOAD_POSTS, LOAD_CONCURRENCY, LOAD_READERS and
// LOAD_HTTP_CONCURRENCY (execution environments per function) change the shape of the run.

jest.setTimeout(900_000);

const POSTS = Number(process.env.LOAD_POSTS ?? 5_000);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 50);
const READERS = Number(process.env.LOAD_READERS ?? 5);
const HTTP_CONCURRENCY = Number(process.env.LOAD_HTTP_CONCURRENCY ?? 4);

const sut = useReliabilitySystem({ httpConcurrency: HTTP_CONCURRENCY });
const random = seededRandom(42);

interface Sample {
  route: 'create' | 'get' | 'list';
  status: number;
  ms: number;
}

const samples: Sample[] = [];
const created: string[] = [];
const timings = { postsMs: 0, persistedMs: 0, auditedMs: 0 };
let tap: TopicTap;
let published: ChangeEvent[] = [];

const timed = async (route: Sample['route'], path: string, init: RequestInit = {}) => {
  const startedAt = performance.now();
  const response = await fetch(`${sut().system.url}${path}`, {
    ...init,
    headers: { 'x-api-key': sut().system.apiKey, 'content-type': 'application/json', ...init.headers },
  });
  const text = await response.text();
  samples.push({ route, status: response.status, ms: performance.now() - startedAt });
  return { status: response.status, text };
};

const post = async () => {
  const response = await timed('create', '/v1.0/products', {
    method: 'POST',
    body: JSON.stringify(productInput()),
  });
  if (response.status === 202) created.push((JSON.parse(response.text) as { productId: string }).productId);
};

/** GETs of products created so far (404 while not yet persisted) and first listing pages, until stopped. */
const read = async (stopped: () => boolean) => {
  for (let round = 0; !stopped() && round < 1_000_000; round += 1) {
    if (round % 2 === 0 && created.length > 0) await timed('get', `/v1.0/products/${pick(random, created)}`);
    else await timed('list', `/v1.0/products?limit=20${round % 4 === 1 ? '&sort=price_desc' : ''}`);
  }
};

const summary = () => {
  const routes = ['create', 'get', 'list'] as const;
  const writeSeconds = timings.postsMs / 1000;
  return {
    posts: POSTS,
    concurrency: CONCURRENCY,
    httpEnvironmentsPerFunction: HTTP_CONCURRENCY,
    postSeconds: Math.round(writeSeconds * 10) / 10,
    postsPerSecond: Math.round(POSTS / writeSeconds),
    readsPerSecond: Math.round(samples.filter((sample) => sample.route !== 'create').length / writeSeconds),
    latencyMs: Object.fromEntries(
      routes.map((route) => [route, percentiles(samples.filter((s) => s.route === route).map((s) => s.ms))]),
    ),
    statuses: Object.fromEntries(
      routes.map((route) => [
        route,
        samples
          .filter((s) => s.route === route)
          .reduce<Record<number, number>>(
            (counts, s) => ({ ...counts, [s.status]: (counts[s.status] ?? 0) + 1 }),
            {},
          ),
      ]),
    ),
    persistedSecondsAfterLastPost: Math.round(timings.persistedMs / 100) / 10,
    auditedSecondsAfterLastPost: Math.round(timings.auditedMs / 100) / 10,
  };
};

beforeAll(async () => {
  tap = await tapTopic(sut().aws, sut().resource('ProductEventsTopic').arn ?? '', `load-tap-${Date.now()}`);
  let writing = true;
  const startedAt = performance.now();
  const readers = Promise.all(Array.from({ length: READERS }, () => read(() => !writing)));
  await runPool(Array.from({ length: POSTS }), CONCURRENCY, post);
  writing = false;
  timings.postsMs = performance.now() - startedAt;
  await readers;
  const postsDone = performance.now();
  await eventually(
    `${POSTS} products in the table`,
    async () => {
      const items = await tableItems(sut().aws, sut().resource('ProductsTable').name);
      return created.every((productId) => items.has(productId)) ? items : undefined;
    },
    { timeoutMs: 600_000, intervalMs: 1_000 },
  );
  timings.persistedMs = performance.now() - postsDone;
  await eventually(
    `${POSTS} audit objects`,
    async () =>
      (await auditKeys(sut().aws, sut().resource('AuditBucket').name)).length >= POSTS ? true : undefined,
    { timeoutMs: 600_000, intervalMs: 1_000 },
  );
  timings.auditedMs = performance.now() - postsDone;
  published = (await tap.drain()).map((body) => validateChangeEvent(JSON.parse(body)));
}, 900_000);

afterAll(() => process.stdout.write(`load: ${JSON.stringify(summary())}\n`));

describe(`load: ${POSTS} POSTs at concurrency ${CONCURRENCY} with GETs and listings beside them`, () => {
  it('answered no request with a 5xx and accepted every POST', () => {
    expect(samples.filter((sample) => sample.status >= 500)).toEqual([]);
    expect(created.length).toBe(POSTS);
    expect(samples.filter((sample) => sample.route !== 'create').length).toBeGreaterThan(0);
  });

  it('persisted every accepted product, active at version 1, and published one event for each', async () => {
    const items = await tableItems(sut().aws, sut().resource('ProductsTable').name);

    expect(
      created.filter(
        (productId) => items.get(productId)?.version !== 1 || items.get(productId)?.active !== true,
      ),
    ).toEqual([]);
    expect(published.map((event) => event.productId).sort()).toEqual([...created].sort());
  });

  it('audited every accepted product exactly once, under the key its event names', async () => {
    const keys = await auditKeys(sut().aws, sut().resource('AuditBucket').name);

    expect(keys.sort()).toEqual(published.map(expectedAuditKey).sort());
  });
});
