import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
export const WORK_DIR = path.join(ROOT, '.local/bench');

/** A function under test, the sample event it serves, and the bare handler it is compared with. */
export interface BenchFunction {
  service: string;
  /** `<service>/events/<file>`: the sample `serverless invoke local` uses. */
  sampleEvent: string;
  /** `bench/baseline/<file>.ts`. */
  baseline: string;
  /** The SDK calls both make, for the report. */
  calls: string;
  consumer: boolean;
}

export const FUNCTIONS: BenchFunction[] = [
  { service: 'get-product', sampleEvent: 'existing-product.json', baseline: 'get-item', calls: 'GetItem' },
  { service: 'list-products', sampleEvent: 'first-page.json', baseline: 'query', calls: 'Query' },
  { service: 'create-product', sampleEvent: 'create-product.json', baseline: 'publish', calls: 'Publish' },
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
].map((definition) => ({ ...definition, consumer: definition.sampleEvent.startsWith('sqs-') }));

interface SqsSample {
  Records: Array<{ messageId: string; body: string }>;
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
// new product and event, so every invocation does the write.
const freshConsumerEvent = (sample: SqsSample): SqsSample => ({
  Records: sample.Records.map((record) => ({
    ...record,
    messageId: randomUUID(),
    body: JSON.stringify({ ...JSON.parse(record.body), eventId: randomUUID(), productId: randomUUID() }),
  })),
});

/** `count` events for the function: copies of its sample, each a fresh object (Middy mutates events). */
export const eventsFor = (fn: BenchFunction, count: number): unknown[] => {
  const sample = readSample(fn);
  return Array.from({ length: count }, () =>
    fn.consumer ? freshConsumerEvent(sample as SqsSample) : structuredClone(sample),
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
