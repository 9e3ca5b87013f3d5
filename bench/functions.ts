import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { traceHeader } from './trace-header.mjs';

export const ROOT = path.resolve(__dirname, '..');
export const WORK_DIR = path.join(ROOT, '.local/bench');

/** A function under test, the sample event it serves, and the bare handler it is compared with. */
export interface BenchFunction {
  /** What the report calls it: the service, and which of its samples when it has two. */
  name: string;
  service: string;
  /** `<service>/events/<file>`: the sample `serverless invoke local` uses. */
  sampleEvent: string;
  /** `bench/baseline/<file>.ts`. */
  baseline: string;
  /** The SDK calls both make, for the report. */
  calls: string;
  consumer: boolean;
  /**
   * create-product's sample carries an Idempotency-Key, which adds a conditional PutItem and a GetItem to
   * the Publish: `fresh` gives every event a key of its own (each a first request, never a replay), `none`
   * drops the header, so the bench reports both paths, each against a baseline making the same calls.
   */
  idempotencyKey?: 'fresh' | 'none';
}

export const FUNCTIONS: BenchFunction[] = [
  { service: 'get-product', sampleEvent: 'existing-product.json', baseline: 'get-item', calls: 'GetItem' },
  { service: 'list-products', sampleEvent: 'first-page.json', baseline: 'query', calls: 'Query' },
  {
    name: 'create-product',
    service: 'create-product',
    sampleEvent: 'create-product.json',
    baseline: 'claim-and-publish',
    calls: 'conditional PutItem ‖ GetItem, then Publish',
    idempotencyKey: 'fresh' as const,
  },
  {
    name: 'create-product (no key)',
    service: 'create-product',
    sampleEvent: 'create-product.json',
    baseline: 'publish',
    calls: 'Publish',
    idempotencyKey: 'none' as const,
  },
  {
    service: 'update-product',
    sampleEvent: 'update-product.json',
    baseline: 'get-and-publish',
    calls: 'GetItem + Publish',
  },
  {
    service: 'delete-product',
    sampleEvent: 'delete-product.json',
    baseline: 'get-and-publish',
    calls: 'GetItem + Publish',
  },
  {
    service: 'product-creator',
    sampleEvent: 'sqs-create.json',
    baseline: 'conditional-write',
    calls: 'conditional PutItem',
  },
  { service: 'audit-logger', sampleEvent: 'sqs-create.json', baseline: 'put-object', calls: 'PutObject' },
].map((definition) => ({
  name: definition.service,
  ...definition,
  consumer: definition.sampleEvent.startsWith('sqs-'),
}));

interface SqsSample {
  Records: Array<{ messageId: string; body: string; attributes?: Record<string, string> }>;
}

interface ApiSample {
  headers?: Record<string, string> | null;
  multiValueHeaders?: Record<string, string[]> | null;
}

const readSample = (fn: BenchFunction): unknown =>
  JSON.parse(readFileSync(path.join(ROOT, fn.service, 'events', fn.sampleEvent), 'utf8'));

/** The product ids the API samples name in their path: they must exist for the sample to succeed. */
export const sampleProductIds = (): string[] =>
  FUNCTIONS.flatMap((fn) => {
    const productId = (readSample(fn) as { pathParameters?: { productId?: string } }).pathParameters
      ?.productId;
    return productId ? [productId] : [];
  });

// A consumer sample replayed as is would be a redelivery (a no-op after the first): each copy names a
// new product and event, so every invocation does the write. Each record carries the trace header that
// SNS with active tracing passes on through SQS, as the deployed consumers receive it.
const freshConsumerEvent = (sample: SqsSample): SqsSample => ({
  Records: sample.Records.map((record) => ({
    ...record,
    messageId: randomUUID(),
    attributes: { ...record.attributes, AWSTraceHeader: traceHeader() },
    body: JSON.stringify({ ...JSON.parse(record.body), eventId: randomUUID(), productId: randomUUID() }),
  })),
});

const IDEMPOTENCY_KEY = /^idempotency-key$/i;

const withIdempotencyKey = (sample: ApiSample, key: 'fresh' | 'none'): ApiSample => {
  const value = `bench-${randomUUID()}`;
  const replace = <T>(headers: Record<string, T> | null | undefined, fresh: T) =>
    headers &&
    Object.fromEntries(
      Object.entries(headers).flatMap(([name, current]) =>
        IDEMPOTENCY_KEY.test(name) ? (key === 'none' ? [] : [[name, fresh]]) : [[name, current]],
      ),
    );
  return {
    ...sample,
    headers: replace(sample.headers, value),
    multiValueHeaders: replace(sample.multiValueHeaders, [value]),
  };
};

const freshApiEvent = (fn: BenchFunction, sample: ApiSample): ApiSample => {
  const event = structuredClone(sample);
  return fn.idempotencyKey ? withIdempotencyKey(event, fn.idempotencyKey) : event;
};

/** `count` events for the function: copies of its sample, each a fresh object (Middy mutates events). */
export const eventsFor = (fn: BenchFunction, count: number): unknown[] => {
  const sample = readSample(fn);
  return Array.from({ length: count }, () =>
    fn.consumer ? freshConsumerEvent(sample as SqsSample) : freshApiEvent(fn, sample as ApiSample),
  );
};

interface FunctionResource {
  Type: string;
  Properties: {
    FunctionName: string;
    MemorySize?: number;
    Environment?: { Variables?: Record<string, string> };
  };
}

/**
 * The environment Lambda would give the function: its packaged variables (a secret reference replaced
 * by a random value, as the local stack does), the runtime's own, and the emulators' endpoints.
 */
export const functionEnv = (
  packagedRoot: string,
  service: string,
  stackEnv: Record<string, string>,
): Record<string, string> => {
  const templateFile = path.join(
    packagedRoot,
    service,
    '.serverless/cloudformation-template-update-stack.json',
  );
  const template = JSON.parse(readFileSync(templateFile, 'utf8')) as {
    Resources: Record<string, FunctionResource>;
  };
  const resource = Object.values(template.Resources).find(({ Type }) => Type === 'AWS::Lambda::Function');
  if (!resource) throw new Error(`${service} has no AWS::Lambda::Function in its packaged template`);
  const variables = Object.entries(resource.Properties.Environment?.Variables ?? {}).map(([name, value]) => [
    name,
    value.startsWith('{{resolve:') ? randomBytes(32).toString('hex') : value,
  ]);
  return {
    PATH: process.env.PATH ?? '',
    ...Object.fromEntries(variables),
    AWS_LAMBDA_FUNCTION_NAME: resource.Properties.FunctionName,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(resource.Properties.MemorySize ?? 1024),
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    ...stackEnv,
  };
};
