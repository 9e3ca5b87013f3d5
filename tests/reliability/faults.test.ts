import { isErrorBody, validateChangeEvent, type ChangeEvent } from '@bbws/core';
import { apiClient, eventually, type ApiResponse } from '../e2e/support/http';
import { createProduct, productInput, visibleProduct } from '../e2e/support/products';
import type { Dependency, FaultMode } from './support/fault-proxy';
import { auditKeys, expectedAuditKey, queueDepth } from './support/stores';
import { useReliabilitySystem } from './support/system';
import { tapTopic, type TopicTap } from './support/topic-tap';

// The system runs behind a fault-injecting proxy (support/fault-proxy.ts): every call the functions and
// the pollers make to DynamoDB, SNS, SQS and S3 goes through it, and each dependency can be switched to
// refuse connections or answer 503 mid-run, then restored. A queue of the test's own on the topic,
// reached directly, records exactly what was published.

jest.setTimeout(120_000);

const sut = useReliabilitySystem({ faults: true });
const api = apiClient(() => sut().system);
const BURST = 20;
let tap: TopicTap;
let existingId: string;
const published: ChangeEvent[] = [];

const proxy = () => {
  const found = sut().proxy;
  if (!found) throw new Error('This suite runs behind the fault proxy');
  return found;
};

const injectFault = (dependency: Dependency, mode: FaultMode) => proxy().set(dependency, mode);

const drainTap = async (): Promise<ChangeEvent[]> => {
  const events = (await tap.drain()).map((body) => validateChangeEvent(JSON.parse(body)));
  published.push(...events);
  return events;
};

beforeAll(async () => {
  existingId = await createProduct(api, productInput());
  await visibleProduct(api, existingId);
  tap = await tapTopic(sut().aws, sut().resource('ProductEventsTopic').arn ?? '', `faults-tap-${Date.now()}`);
});

afterEach(() =>
  (['table', 'topic', 'bucket', 'queue'] as const).forEach((dependency) => injectFault(dependency, 'pass')),
);

const failedDeliveries = (service: string, productIds: string[]) => {
  const wanted = new Set(productIds);
  return sut().outcomes.filter(
    (line) => line.service === service && line.outcome === 'failed' && wanted.has(line.productId ?? ''),
  );
};

/** Waits until the consumer has reported a failure for every product's change at least `times` times. */
const retriedEach = (service: string, productIds: string[], times: number) =>
  eventually(
    `${service} to fail each of ${productIds.length} changes ${times} times`,
    async () => {
      const failures = failedDeliveries(service, productIds);
      const counts = productIds.map(
        (productId) => failures.filter((line) => line.productId === productId).length,
      );
      return counts.every((count) => count >= times) ? counts : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );

const expectDependencyUnavailable = (response: ApiResponse) => {
  expect(response.status).toBe(503);
  expect(isErrorBody(response.body)).toBe(true);
  expect(response.body).toEqual({
    error: {
      code: 'DEPENDENCY_UNAVAILABLE',
      message: 'A service the API depends on is unavailable; retry later',
      details: [],
      requestId: response.headers.get('x-amzn-requestid'),
    },
  });
};

const writes = () => [
  ...Array.from({ length: 4 }, () => api('/v1.0/products', { method: 'POST', body: productInput() })),
  api(`/v1.0/products/${existingId}`, { method: 'PUT', body: productInput() }),
  api(`/v1.0/products/${existingId}`, { method: 'DELETE' }),
];

describe('the topic failing', () => {
  it.each(['refuse', 'fail'] as const)(
    'answers every write with 503 DEPENDENCY_UNAVAILABLE when the topic is set to %s, and publishes none of them',
    async (mode) => {
      const publishesBefore = proxy().forwarded('topic:Publish');
      injectFault('topic', mode);

      const responses = await Promise.all(writes());
      const read = await api(`/v1.0/products/${existingId}`);
      injectFault('topic', 'pass');

      responses.forEach(expectDependencyUnavailable);
      expect(read.status).toBe(200);
      expect(proxy().forwarded('topic:Publish')).toBe(publishesBefore);
      expect(await drainTap()).toEqual([]);
    },
  );

  it('accepts writes again as soon as the topic is back, each published once', async () => {
    const productId = await createProduct(api, productInput());

    expect((await drainTap()).map((event) => `${event.eventType} ${event.productId}`)).toEqual([
      `CREATE ${productId}`,
    ]);
  });
});

describe('the table failing mid-run', () => {
  it('answers reads and checked writes with 503 while product-creator reports each new change failed and retries it', async () => {
    injectFault('table', 'fail');

    const productIds = await Promise.all(
      Array.from({ length: BURST }, () => createProduct(api, productInput())),
    );
    const [read, update] = await Promise.all([
      api(`/v1.0/products/${existingId}`),
      api(`/v1.0/products/${existingId}`, { method: 'PUT', body: productInput() }),
    ]);
    const failureCounts = await retriedEach('product-creator', productIds, 2);
    injectFault('table', 'pass');

    expectDependencyUnavailable(read);
    expectDependencyUnavailable(update);
    expect(failureCounts.every((count) => count >= 2)).toBe(true);
    expect((await drainTap()).map((event) => event.eventType)).toEqual(Array(BURST).fill('CREATE'));
    await Promise.all(productIds.map((productId) => visibleProduct(api, productId)));
  });
});

describe('the bucket failing mid-run', () => {
  it('keeps persisting changes while audit-logger reports each one failed and retries it', async () => {
    injectFault('bucket', 'refuse');

    const productIds = await Promise.all(
      Array.from({ length: BURST }, () => createProduct(api, productInput())),
    );
    const visible = await Promise.all(productIds.map((productId) => visibleProduct(api, productId)));
    const failureCounts = await retriedEach('audit-logger', productIds, 2);
    injectFault('bucket', 'pass');

    expect(visible.map((response) => response.status)).toEqual(Array(BURST).fill(200));
    expect(failureCounts.every((count) => count >= 2)).toBe(true);
    expect(proxy().faulted('bucket')).toBeGreaterThan(0);
    await drainTap();
  });
});

describe('after every outage', () => {
  it('has lost nothing: each published change is audited exactly once, and both dead-letter queues are empty', async () => {
    await drainTap();
    const expectedKeys = published.map(expectedAuditKey).sort();
    const bucket = sut().resource('AuditBucket').name;

    const keys = await eventually(
      `${expectedKeys.length} audit objects`,
      async () => {
        const found = await auditKeys(sut().aws, bucket);
        return expectedKeys.every((key) => found.includes(key)) ? found : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const publishedIds = new Set(published.map((event) => event.productId));

    expect(keys.filter((key) => [...publishedIds].some((id) => key.includes(`/${id}/`))).sort()).toEqual(
      expectedKeys,
    );
    expect(await queueDepth(sut().aws, sut().resource('ProductChangeDeadLetterQueue').url ?? '')).toBe(0);
    expect(await queueDepth(sut().aws, sut().resource('ProductAuditDeadLetterQueue').url ?? '')).toBe(0);
  });
});
