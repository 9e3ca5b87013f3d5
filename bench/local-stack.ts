import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { PublishBatchCommand } from '@aws-sdk/client-sns';
import { newChangeEvent } from '@bbws/core';
import { createAwsClients } from '@bbws/local-aws';
import { startSystem, type BatchLog, type RunningSystem } from '@bbws/dev-server';
import { PACKAGED_ROOT } from './bundles';
import { seedProducts } from './seed';
import { percentile, round } from './stats';

export interface LocalStackOptions {
  durationSeconds: number;
  connections: number;
  postToVisibleSamples: number;
  consumerEvents: number;
}

export interface LoadFigures {
  route: string;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p97_5: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}

export interface ConsumerFigures {
  events: number;
  publishMs: number;
  /** From the first publish to the last event applied by each consumer. */
  productCreator: { ms: number; eventsPerSecond: number; applied: number };
  auditLogger: { ms: number; eventsPerSecond: number; applied: number };
}

export interface LocalStackFigures {
  startupMs: number;
  connections: number;
  durationSeconds: number;
  load: LoadFigures[];
  /** The change events the create run left queued, and how long the consumers took to apply them. */
  createBacklog: { events: number; drainMs: number };
  postToVisibleMs: { samples: number; p50: number; p95: number; max: number };
  consumers: ConsumerFigures;
}

const CONSUMERS = ['product-creator', 'audit-logger'] as const;
type Consumer = (typeof CONSUMERS)[number];
const WAIT_LIMIT_MS = 120_000;
const VISIBLE_POLL_MS = 5;
const PUBLISH_BATCH = 10;
const PRODUCT_INPUT = { name: 'Bench lamp', price: 49.9, currency: 'EUR', category: 'Bench' };

/** Messages each consumer has applied (deleted from its queue) since the system started. */
const consumerCounter = () => {
  const applied: Record<Consumer, number> = { 'product-creator': 0, 'audit-logger': 0 };
  const onBatch = ({ functionName, messageIds, failedMessageIds }: BatchLog) => {
    const consumer = CONSUMERS.find((name) => functionName.includes(name));
    if (consumer) applied[consumer] += messageIds.length - failedMessageIds.length;
  };
  return { applied, onBatch };
};

/** Resolves when `reached()` holds, or after WAIT_LIMIT_MS (the figures then show the shortfall). */
const waitUntil = async (reached: () => boolean) => {
  const started = performance.now();
  while (!reached() && performance.now() - started < WAIT_LIMIT_MS) await delay(10);
};

interface AutocannonHistogram {
  mean: number;
  max: number;
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
}

interface AutocannonResult {
  duration: number;
  requests: { total: number };
  latency: AutocannonHistogram;
  errors: number;
  timeouts: number;
  non2xx: number;
}

interface LoadRequest {
  url: string;
  method?: 'POST';
  headers: Record<string, string>;
  body?: string;
}

// In its own process: in this one it would share the event loop of the gateway and the pollers.
const AUTOCANNON = require.resolve('autocannon');

const autocannon = (options: LocalStackOptions, request: LoadRequest) =>
  new Promise<AutocannonResult>((resolve, reject) => {
    const headers = Object.entries(request.headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]);
    const body = request.body === undefined ? [] : ['-m', request.method ?? 'POST', '-b', request.body];
    const parameters = ['-j', '-c', String(options.connections), '-d', String(options.durationSeconds)];
    const child = spawn(process.execPath, [AUTOCANNON, ...parameters, ...headers, ...body, request.url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(output.trim().split('\n').pop() ?? '{}') as AutocannonResult)
        : reject(new Error(`autocannon exited with ${code}`)),
    );
  });

const load = async (
  route: string,
  options: LocalStackOptions,
  request: LoadRequest,
): Promise<LoadFigures> => {
  const result = await autocannon(options, request);
  const { mean, p50, p90, p97_5, p99, max } = result.latency;
  return {
    route,
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.total / result.duration),
    latencyMs: { mean: round(mean, 2), p50, p90, p97_5, p99, max },
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
};

const postToVisible = async (system: RunningSystem, samples: number) => {
  const products = `${system.url}/v1.0/products`;
  const headers = { 'x-api-key': system.apiKey };
  const latencies: number[] = [];
  for (let sample = 0; sample < samples; sample += 1) {
    const started = performance.now();
    const created = await fetch(products, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(PRODUCT_INPUT),
    });
    const { productId } = (await created.json()) as { productId: string };
    while (performance.now() - started < WAIT_LIMIT_MS) {
      const found = await fetch(`${products}/${productId}`, { headers });
      await found.arrayBuffer();
      if (found.status === 200) break;
      await delay(VISIBLE_POLL_MS);
    }
    latencies.push(performance.now() - started);
  }
  const figure = (rank: number) => round(percentile(latencies, rank));
  return { samples, p50: figure(50), p95: figure(95), max: figure(100) };
};

const consumerThroughput = async (
  system: RunningSystem,
  applied: Record<Consumer, number>,
  events: number,
): Promise<ConsumerFigures> => {
  const clients = createAwsClients(system.aws.env);
  const topicArn = system.aws.resources.ProductEventsTopic?.arn;
  const before = { ...applied };
  const finished: Partial<Record<Consumer, number>> = {};
  const started = performance.now();
  for (let start = 0; start < events; start += PUBLISH_BATCH) {
    const entries = Array.from({ length: Math.min(PUBLISH_BATCH, events - start) }, (_, index) => {
      const changeEvent = newChangeEvent({
        eventType: 'CREATE',
        productId: randomUUID(),
        product: PRODUCT_INPUT,
        actor: { apiKeyId: 'bench', sourceIp: '127.0.0.1', requestId: randomUUID() },
      });
      const eventType = { DataType: 'String', StringValue: 'CREATE' };
      return { Id: String(index), Message: JSON.stringify(changeEvent), MessageAttributes: { eventType } };
    });
    await clients.sns.send(
      new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: entries }),
    );
  }
  const publishMs = performance.now() - started;
  const done = (consumer: Consumer) => {
    if (applied[consumer] - before[consumer] >= events) finished[consumer] ??= performance.now() - started;
    return finished[consumer] !== undefined;
  };
  await waitUntil(() => CONSUMERS.map(done).every(Boolean));
  clients.destroy();
  const figures = (consumer: Consumer) => {
    const ms = finished[consumer] ?? WAIT_LIMIT_MS;
    const count = applied[consumer] - before[consumer];
    return { ms: round(ms), eventsPerSecond: round((count / ms) * 1000), applied: count };
  };
  return {
    events,
    publishMs: round(publishMs),
    productCreator: figures('product-creator'),
    auditLogger: figures('audit-logger'),
  };
};

/** The whole system as `npm start` runs it, under autocannon and through its consumers. */
export const benchLocalStack = async (options: LocalStackOptions): Promise<LocalStackFigures> => {
  const { applied, onBatch } = consumerCounter();
  const system = await startSystem({
    root: PACKAGED_ROOT,
    port: 0,
    packaging: 'never',
    apiKey: randomBytes(20).toString('hex'),
    apiKeyFile: null,
    // The stage's usage plan (50/s, burst 100) would answer most of the load with 429: this measures
    // the stack behind the gateway, so the bench key is not metered.
    usagePlan: { rateLimit: Infinity, burstLimit: Infinity, quotaLimit: Infinity },
    onBatch,
  });
  try {
    const clients = createAwsClients(system.aws.env);
    const tableName = system.aws.resources.ProductsTable?.name ?? '';
    const [productId] = await seedProducts(clients.dynamodb, tableName, {
      productIds: [],
      active: 200,
      deleted: 0,
    });
    clients.destroy();
    const products = `${system.url}/v1.0/products`;
    const headers = { 'x-api-key': system.apiKey };
    const loads = [
      await load('GET /v1.0/products/{id}', options, { url: `${products}/${productId}`, headers }),
      await load('GET /v1.0/products?limit=20', options, { url: `${products}?limit=20`, headers }),
    ];
    const before = { ...applied };
    const create = await load('POST /v1.0/products', options, {
      url: products,
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(PRODUCT_INPUT),
    });
    const backlog = create.requests - create.non2xx;
    const drainStarted = performance.now();
    await waitUntil(() => CONSUMERS.every((consumer) => applied[consumer] - before[consumer] >= backlog));
    const drainMs = round(performance.now() - drainStarted);
    return {
      startupMs: system.startupMs,
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      load: [...loads, create],
      createBacklog: { events: backlog, drainMs },
      postToVisibleMs: await postToVisible(system, options.postToVisibleSamples),
      consumers: await consumerThroughput(system, applied, options.consumerEvents),
    };
  } finally {
    await system.stop();
  }
};
