import path from 'node:path';
import { createAwsClients } from '../clients';
import type { ProvisionedResource } from '../resources';
import { loadTemplate, type CloudFormationTemplate } from '../template';
import { apiKeyOf, loadOrCreateApiKey, type ApiKey } from './api-keys';
import { provisionBackend, startBackend, withVisibilityTimeouts, type Backend } from './backend';
import { extractBundle } from './bundles';
import { functionRuntime, type FunctionRuntime } from './function-runtime';
import { createGateway } from './gateway';
import { gatewayResponseHeaders } from './gateway-cors';
import { usageMeterFor } from './usage-plan';
import { openApiDocumentFor } from './openapi';
import { referenceSite } from './reference-page';
import { resolveOptions, type ResolvedOptions, type SystemOptions } from './options';
import { packageServices, staleServices } from './packaging';
import { functionRoutes, mockRoutes, stageName } from './routes';
import { assertNoDynamicReference, localSecrets, type LocalSecrets } from './secrets';
import { loadFunctions, type FunctionDefinition } from './services';
import { startSqsPoller } from './sqs-poller';
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
  stop(): Promise<void>;
}

const INFRASTRUCTURE_TEMPLATE = 'infrastructure/.serverless/cloudformation-template-update-stack.json';

const ensurePackaged = async (options: ResolvedOptions): Promise<void> => {
  if (options.packaging === 'never') return;
  if (options.packaging === 'always') return packageServices(options.root, undefined, options.log);
  const stale = staleServices(options.root);
  if (stale.length === 0) return;
  options.log(`Packaging ${stale.join(', ')}: packaged output missing or older than its sources`);
  await packageServices(options.root, stale, options.log);
};

const functionEnv = (definition: FunctionDefinition, backend: Backend, secrets: LocalSecrets) => {
  const configured = Object.entries(definition.environment).map(([name, value]) => [
    name,
    assertNoDynamicReference(`${definition.functionName} ${name}`, secrets.resolve(value)),
  ]);
  return {
    ...Object.fromEntries(configured),
    // What the Lambda runtime sets, then the backend's endpoints, region and dummy credentials.
    AWS_LAMBDA_FUNCTION_NAME: definition.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${definition.functionName}`,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    // The functions run on nodejs22.x when deployed: the SDK's warning about an older local Node is noise.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...backend.env,
  };
};

const startRuntimes = (
  functions: FunctionDefinition[],
  backend: Backend,
  secrets: LocalSecrets,
  options: ResolvedOptions,
): Map<string, FunctionRuntime> =>
  new Map(
    functions.map((definition) => [
      definition.functionName,
      functionRuntime({
        ...definition,
        bundleDir: extractBundle(
          definition.artifact,
          path.join(options.root, '.local/bundles'),
          definition.service,
        ),
        region: backend.region,
        accountId: backend.accountId,
        env: functionEnv(definition, backend, secrets),
        maxEnvironments: Math.max(
          options.httpConcurrency,
          ...definition.sqs.map((source) => source.maximumConcurrency),
        ),
        onOutput: (line) => options.onFunctionOutput?.(definition.service, line),
      }),
    ]),
  );

const queueUrlOf = (resources: Record<string, ProvisionedResource>, queueArn: string): string => {
  const name = queueArn.split(':').pop();
  const queue = Object.values(resources).find(
    (resource) => resource.type === 'AWS::SQS::Queue' && resource.name === name,
  );
  if (!queue?.url) throw new Error(`No queue ${name} in the infrastructure template for ${queueArn}`);
  return queue.url;
};

const describeResources = (resources: Record<string, ProvisionedResource>) =>
  Object.fromEntries(
    Object.values(resources).map(({ logicalId, name, arn, url }) => [logicalId, { name, arn, url }]),
  );

const apiKeyFor = (options: ResolvedOptions, stage: string): ApiKey =>
  options.apiKey ? apiKeyOf(options.apiKey) : loadOrCreateApiKey(stage, options.apiKeyFile);

/** Stops what was started, last first, whatever fails on the way. */
const stopAll = async (stoppers: Array<() => Promise<void> | void>) => {
  for (const stop of stoppers.splice(0).reverse()) await Promise.resolve(stop()).catch(() => undefined);
};

const startServing = async (
  options: ResolvedOptions,
  template: CloudFormationTemplate,
  backend: Backend,
  stoppers: Array<() => Promise<void> | void>,
) => {
  const provisioned = await provisionBackend(
    backend,
    withVisibilityTimeouts(template, options.queueVisibilityTimeouts),
  );
  const stage = stageName(template, backend.region);
  const secrets = localSecrets(template, options.persistDir && path.join(options.persistDir, 'secrets.json'));
  const functions = loadFunctions(options.root, backend.region);
  const runtimes = startRuntimes(functions, backend, secrets, options);
  stoppers.push(() =>
    Promise.all([...runtimes.values()].map((runtime) => runtime.stop())).then(() => undefined),
  );
  await Promise.all([...runtimes.values()].map((runtime) => runtime.warm()));
  const invoke = (functionName: string, event: unknown) =>
    (runtimes.get(functionName) as FunctionRuntime).invoke(event);
  const apiKey = apiKeyFor(options, stage);
  const openApiDocument = openApiDocumentFor(options.root);
  const gateway = createGateway({
    routes: [...functionRoutes(functions), ...mockRoutes(template, backend.region)],
    gatewayResponseHeaders: gatewayResponseHeaders(template, backend.region),
    meterUsage: usageMeterFor(template, backend.region, options.usagePlan),
    apiKey,
    stage,
    invoke,
    onRequest: options.onRequest,
    openApiDocument,
    referenceSite: openApiDocument && referenceSite(openApiDocument),
  });
  const url = await gateway.listen(options.port, options.host);
  stoppers.push(gateway.close);
  const clients = createAwsClients(backend.env);
  stoppers.push(clients.destroy);
  for (const definition of functions) {
    for (const source of definition.sqs) {
      const poller = startSqsPoller({
        sqs: clients.sqs,
        queueUrl: queueUrlOf(provisioned.resources, source.queueArn),
        source,
        functionName: definition.functionName,
        region: backend.region,
        invoke: (event) => invoke(definition.functionName, event),
        onBatch: options.onBatch,
        onError: (error) => options.log(`${definition.service}: polling failed: ${String(error)}`),
        // Embedded emulators stop with the system; an external backend outlives it, so its receives are
        // shorter and finished, not abandoned, on stop.
        abortOnStop: backend.kind === 'embedded',
        waitTimeSeconds: backend.kind === 'embedded' ? 20 : 2,
      });
      stoppers.push(poller.stop);
    }
  }
  return { url, apiKey, stage, resources: describeResources(provisioned.resources) };
};

/**
 * The whole system on this machine: the AWS backend provisioned from the packaged infrastructure
 * template, the HTTP functions behind one endpoint, the consumers polling their queues.
 */
export const startSystem = async (systemOptions: SystemOptions = {}): Promise<RunningSystem> => {
  const options = resolveOptions(systemOptions);
  await ensurePackaged(options);
  const startedAt = performance.now();
  const template = loadTemplate(path.join(options.root, INFRASTRUCTURE_TEMPLATE));
  const backend = await startBackend({
    host: options.host,
    awsEndpoint: options.awsEndpoint,
    dynamodbDir: options.persistDir && path.join(options.persistDir, 'dynamodb'),
  });
  const stoppers: Array<() => Promise<void> | void> = [backend.stop];
  try {
    const { url, apiKey, stage, resources } = await startServing(options, template, backend, stoppers);
    const aws = { backend: backend.kind, region: backend.region, env: backend.env, resources };
    if (options.stackFile) {
      const description = {
        url,
        apiKey: apiKey.value,
        stage,
        ...aws,
        pid: process.pid,
        startedAt: new Date().toISOString(),
      };
      stoppers.push(writeStackFile(options.stackFile, description));
    }
    return {
      url,
      apiKey: apiKey.value,
      stage,
      aws,
      startupMs: Math.round(performance.now() - startedAt),
      stop: () => stopAll(stoppers),
    };
  } catch (error) {
    await stopAll(stoppers);
    throw error;
  }
};
