import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import {
  createAwsClients,
  emulatorEnv,
  LOCAL_ACCOUNT_ID,
  LOCAL_REGION,
  loadTemplate,
  provisionFromTemplate,
  startEmulators,
  withVisibilityTimeouts,
} from '@bbws/local-aws';
import { apiKeyOf, loadOrCreateApiKey, type ApiKey } from './api-keys';
import { extractBundle } from './bundles';
import { functionRuntime, type FunctionRuntime } from './function-runtime';
import { gracefulStop } from './graceful-stop';
import { createGateway } from './gateway';
import { gatewayResponseHeaders } from './gateway-cors';
import { usagePlanLimits, usagePlanMeter } from './usage-plan';
import { openApiDocumentFor, referenceSite } from './reference-page';
import { resolveOptions, type ResolvedOptions, type SystemOptions } from './options';
import { restoreSnapshot, type EmulatorState, type SnapshotCounts } from './persistence';
import { functionRoutes, mockRoutes, stageName } from './routes';
import { assertNoDynamicReference, localSecrets, type LocalSecrets } from './secrets';
import { loadFunctions, type FunctionDefinition } from './services';
import { startSqsPoller } from './sqs-poller';
import type { StopOptions, StopReport } from './stop-report';
import { writeStackFile, type StackDescription } from './stack-file';

export interface RunningSystem {
  /** Base URL of the API: `${url}/v1.0/products`. */
  url: string;
  apiKey: string;
  stage: string;
  /** The AWS backend, for tests and tools that look behind the API (audit bucket, DLQs). */
  aws: Pick<StackDescription, 'backend' | 'region' | 'env' | 'resources'>;
  /** Milliseconds from the call to ready, packaging excluded. */
  startupMs: number;
  /** What was put back from the --persist directory before serving, when it held a snapshot. */
  restored?: SnapshotCounts & { durationMs: number };
  /**
   * Stops taking requests (503), optionally waits for the consumers to empty their queues, stops them,
   * then saves the queues and buckets (with `persistDir`) or reports what is dropped, and stops the rest.
   */
  stop(options?: StopOptions): Promise<StopReport>;
}

const INFRASTRUCTURE_TEMPLATE = 'infrastructure/.serverless/cloudformation-template-update-stack.json';
/** The stage npm start serves, and packages for. */
const LOCAL_STAGE = 'local';

type Stopper = () => unknown;

/**
 * The embedded emulators (dynalite's store in `dynamodbDir` when given), or an external backend serving
 * every service on `awsEndpoint`, which keeps its own state. `kind` is `embedded` or the external URL.
 */
const startBackend = async (host: string, awsEndpoint?: string, dynamodbDir?: string) => {
  if (!awsEndpoint) return { kind: 'embedded', ...(await startEmulators({ host, persistDir: dynamodbDir })) };
  const url = awsEndpoint.replace(/\/$/, '');
  const endpoints = { dynamodb: url, sqs: url, sns: url, s3: url };
  return {
    kind: url,
    endpoints,
    env: emulatorEnv(endpoints, LOCAL_REGION),
    accountId: LOCAL_ACCOUNT_ID,
    region: LOCAL_REGION,
    stop: async () => undefined,
  };
};

const functionVariables = (definition: FunctionDefinition, secrets: LocalSecrets) =>
  Object.fromEntries(
    Object.entries(definition.environment).map(([name, value]) => [
      name,
      assertNoDynamicReference(`${definition.functionName} ${name}`, secrets.resolve(String(value))),
    ]),
  );

// With --persist the key lives in the directory too, so a restart serves the key the clients already use.
const apiKeyFor = (options: ResolvedOptions, stage: string): ApiKey => {
  if (options.apiKey) return apiKeyOf(options.apiKey);
  const persisted = options.persistDir && path.join(options.persistDir, `api-keys-${stage}.txt`);
  return loadOrCreateApiKey(stage, persisted, () => loadOrCreateApiKey(stage, options.apiKeyFile));
};

/**
 * Refuses packages of another stage, which name another stage's resources. Only --no-package gets here with
 * any: otherwise npm start has just packaged them for its own.
 */
const assertPackagedForLocal = (packages: Array<{ service: string; packagedStage?: string }>) => {
  const others = packages.flatMap(({ service, packagedStage = LOCAL_STAGE }) =>
    packagedStage === LOCAL_STAGE ? [] : [`${service} (stage ${packagedStage})`],
  );
  if (others.length > 0)
    throw new Error(
      `Packaged for another stage: ${[...new Set(others)].join(', ')}. npm start serves stage ${LOCAL_STAGE}: run npm run package, or start without --no-package to repackage them.`,
    );
};

/**
 * Packages what npm start serves with scripts/package-all.mjs, its progress lines to `log`: the stale
 * services (`if-stale`, the script says which and why), every service (`always`), or none (`never`).
 */
const packageForLocal = async ({ root, packaging, log }: ResolvedOptions): Promise<void> => {
  if (packaging === 'never') return;
  const flags = ['--stage', LOCAL_STAGE, ...(packaging === 'if-stale' ? ['--if-stale'] : [])];
  const script = path.join(root, 'scripts/package-all.mjs');
  const child = spawn(process.execPath, [script, ...flags], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => chunk.toString().trim().split('\n').forEach(log));
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`Packaging failed (exit code ${code}):\n${errors.trim()}`);
};

/** Stops what was started, last first, whatever fails on the way. */
const stopAll = async (stoppers: Stopper[]) => {
  for (const stop of stoppers.splice(0).reverse()) await Promise.resolve(stop()).catch(() => undefined);
};

/** Puts back what the last stop saved in the persist directory, before anything serves or polls. */
const restore = async (options: ResolvedOptions, state: EmulatorState | undefined) => {
  if (!options.persistDir || !state) return undefined;
  const startedAt = performance.now();
  const counts = await restoreSnapshot(options.persistDir, state, options.log);
  return counts && { ...counts, durationMs: Math.round(performance.now() - startedAt) };
};

/** Starts everything but the packaging, pushing a stopper for each part it starts. */
const startAll = async (options: ResolvedOptions, stoppers: Stopper[]): Promise<RunningSystem> => {
  const startedAt = performance.now();
  const template = loadTemplate(path.join(options.root, INFRASTRUCTURE_TEMPLATE));
  // Read before anything starts, so a refusal leaves nothing to stop; either backend's region is LOCAL_REGION.
  const stage = stageName(template, LOCAL_REGION);
  const functions = loadFunctions(options.root, LOCAL_REGION, template);
  assertPackagedForLocal([{ service: 'infrastructure', packagedStage: stage }, ...functions]);
  const dynamodbDir = options.persistDir && path.join(options.persistDir, 'dynamodb');
  const backend = await startBackend(options.host, options.awsEndpoint, dynamodbDir);
  stoppers.push(backend.stop);
  const { resources } = await provisionFromTemplate(
    withVisibilityTimeouts(template, options.queueVisibilityTimeouts),
    backend,
  );
  const provisioned = Object.values(resources);
  // Only queues have a URL.
  const queues = provisioned.flatMap(({ name, url }) => (url ? [{ name, url }] : []));
  const buckets = provisioned.flatMap(({ type, name }) => (type === 'AWS::S3::Bucket' ? [name] : []));
  const { sqs, s3, destroy } = createAwsClients(backend.env);
  stoppers.push(destroy);
  const emulatorState =
    backend.kind === 'embedded'
      ? { sqsEndpoint: backend.endpoints.sqs, sqs, s3, queues, buckets }
      : undefined;
  const restored = await restore(options, emulatorState);
  const secrets = localSecrets(template, options.persistDir && path.join(options.persistDir, 'secrets.json'));
  const bundlesDir = path.join(options.root, '.local/bundles');
  const runtimes = new Map<string, FunctionRuntime>(
    functions.map((definition) => [
      definition.functionName,
      functionRuntime({
        ...definition,
        bundleDir: extractBundle(definition.artifact, bundlesDir, definition.service),
        region: backend.region,
        accountId: backend.accountId,
        // The function's own variables, then the backend's endpoints, region and dummy credentials.
        env: { ...functionVariables(definition, secrets), ...backend.env },
        maxEnvironments: Math.max(
          options.httpConcurrency,
          ...definition.sqs.map((sqs) => sqs.maximumConcurrency),
        ),
        onOutput: (line) => options.onFunctionOutput?.(definition.service, line),
      }),
    ]),
  );
  stoppers.push(() => Promise.all([...runtimes.values()].map((runtime) => runtime.stop())));
  await Promise.all([...runtimes.values()].map((runtime) => runtime.warm()));
  const invoke = (functionName: string, event: unknown) =>
    (runtimes.get(functionName) as FunctionRuntime).invoke(event);
  const apiKey = apiKeyFor(options, stage);
  const openApiDocument = openApiDocumentFor(options.root);
  const usagePlan = usagePlanLimits(template, backend.region, options.usagePlan);
  const gateway = createGateway({
    routes: [...functionRoutes(functions), ...mockRoutes(template, backend.region)],
    gatewayResponseHeaders: gatewayResponseHeaders(template, backend.region),
    meterUsage: usagePlan && usagePlanMeter(usagePlan),
    apiKey,
    stage,
    invoke,
    onRequest: options.onRequest,
    referenceSite: openApiDocument && referenceSite(openApiDocument),
  });
  const url = await gateway.listen(options.port, options.host);
  stoppers.push(gateway.close);
  // product-creator and audit-logger polling their queues, as their event source mappings say.
  const consumers = functions.flatMap(({ functionName, service, sqs: sources }) =>
    sources.map((source) => {
      const name = source.queueArn.split(':').pop();
      const queue = queues.find((candidate) => candidate.name === name);
      if (!queue) throw new Error(`No queue ${name} in the infrastructure template for ${source.queueArn}`);
      const poller = startSqsPoller({
        sqs,
        queueUrl: queue.url,
        source,
        functionName,
        region: backend.region,
        invoke: (event) => invoke(functionName, event),
        onBatch: options.onBatch,
        onError: (error) => options.log(`${service}: polling failed: ${String(error)}`),
        // Embedded emulators stop with the system; an external backend outlives it, so its receives are
        // shorter and finished, not abandoned, on stop.
        abortOnStop: backend.kind === 'embedded',
        waitTimeSeconds: backend.kind === 'embedded' ? 20 : 2,
      });
      stoppers.push(poller.stop);
      return { queue, service, stop: poller.stop };
    }),
  );
  const aws = {
    backend: backend.kind,
    region: backend.region,
    env: backend.env,
    resources: Object.fromEntries(
      provisioned.map(({ logicalId, name, arn, url }) => [logicalId, { name, arn, url }]),
    ),
  };
  const running = { url, apiKey: apiKey.value, stage };
  if (options.stackFile) stoppers.push(writeStackFile(options.stackFile, { ...running, ...aws }));
  const { persistDir, log } = options;
  const stopping = { gateway, sqs, consumers, queues, emulatorState, persistDir, log };
  let stopped: Promise<StopReport> | undefined;
  return {
    ...running,
    aws,
    startupMs: Math.round(performance.now() - startedAt),
    restored,
    // A second call gets the first one's report: what was saved is not overwritten by an empty stack.
    stop: (stopOptions) => (stopped ??= gracefulStop(stopping, stopOptions).finally(() => stopAll(stoppers))),
  };
};

/**
 * The whole system on this machine: the AWS backend provisioned from the packaged infrastructure
 * template, the HTTP functions behind one endpoint, the consumers polling their queues.
 */
export const startSystem = async (systemOptions: SystemOptions = {}): Promise<RunningSystem> => {
  const options = resolveOptions(systemOptions);
  await packageForLocal(options);
  const stoppers: Stopper[] = [];
  try {
    return await startAll(options, stoppers);
  } catch (error) {
    await stopAll(stoppers);
    throw error;
  }
};
