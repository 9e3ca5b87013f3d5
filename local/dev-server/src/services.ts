import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import {
  LOCAL_ACCOUNT_ID,
  referencedNames,
  resolveValue,
  type ResolveContext,
  loadTemplate,
  type CloudFormationTemplate,
  type TemplateResource,
} from '@bbws/local-aws';

/** An http event of serverless.yml, as the packaged service state records it. */
export interface HttpEventDefinition {
  method: string;
  /** `/v1.0/products/{productId}`. */
  path: string;
  private: boolean;
}

/** An SQS event source mapping of the packaged template. */
export interface SqsEventSource {
  queueArn: string;
  batchSize: number;
  maximumBatchingWindowSeconds: number;
  reportBatchItemFailures: boolean;
  maximumConcurrency: number;
}

export interface FunctionDefinition {
  /** The service's folder name, as in serverless-compose.yml: `get-product`. */
  service: string;
  /** The deployed function name: `bbws-get-product-local-getProduct`. */
  functionName: string;
  /** `src/handler.handler`. */
  handler: string;
  timeoutSeconds: number;
  memorySize: number;
  /** Environment variables of the packaged template, dynamic references unresolved. */
  environment: Record<string, string>;
  /** The packaged esbuild bundle. */
  artifact: string;
  http: HttpEventDefinition[];
  sqs: SqsEventSource[];
}

export interface ComposeService {
  name: string;
  directory: string;
}

interface StateFunction {
  name: string;
  handler: string;
  events?: Array<{ http?: { path: string; method: string; private?: boolean } }>;
}

interface ServiceState {
  service: { functions?: Record<string, StateFunction> };
  package: { artifact?: string };
}

/** The services of serverless-compose.yml, in its order. */
export const composeServices = (root: string): ComposeService[] => {
  const compose = yaml.load(readFileSync(path.join(root, 'serverless-compose.yml'), 'utf8')) as {
    services: Record<string, { path: string }>;
  };
  return Object.entries(compose.services).map(([name, service]) => ({
    name,
    directory: path.join(root, service.path),
  }));
};

export const packagedFile = (service: ComposeService, file: string): string =>
  path.join(service.directory, '.serverless', file);

const stringProperty = (resource: TemplateResource, name: string): string =>
  String(resource.Properties?.[name]);

/** Resolves values that refer to nothing but pseudo parameters (params are literals once packaged). */
export const literalContext = (region: string): ResolveContext => ({
  accountId: LOCAL_ACCOUNT_ID,
  region,
  partition: 'aws',
  stackName: 'local',
  parameters: {},
  conditions: {},
  resources: {},
  skipped: {},
});

const sqsSourcesOf = (template: CloudFormationTemplate, logicalId: string, region: string) =>
  Object.values(template.Resources)
    .filter(({ Type, Properties }) => Type === 'AWS::Lambda::EventSourceMapping' && Properties)
    .filter(({ Properties }) => referencedNames(Properties?.FunctionName).has(logicalId))
    .map(({ Properties = {} }): SqsEventSource => {
      const scaling = Properties.ScalingConfig as { MaximumConcurrency?: number } | undefined;
      const responseTypes = (Properties.FunctionResponseTypes as string[] | undefined) ?? [];
      return {
        queueArn: String(resolveValue(Properties.EventSourceArn, literalContext(region))),
        batchSize: Number(Properties.BatchSize ?? 10),
        maximumBatchingWindowSeconds: Number(Properties.MaximumBatchingWindowInSeconds ?? 0),
        reportBatchItemFailures: responseTypes.includes('ReportBatchItemFailures'),
        // Lambda's default for SQS is up to 1000 concurrent invocations; locally one poller per core is plenty.
        maximumConcurrency: Number(scaling?.MaximumConcurrency ?? 2),
      };
    });

const functionResource = (template: CloudFormationTemplate, functionName: string) => {
  const found = Object.entries(template.Resources).find(
    ([, resource]) =>
      resource.Type === 'AWS::Lambda::Function' && resource.Properties?.FunctionName === functionName,
  );
  if (!found) throw new Error(`The packaged template has no AWS::Lambda::Function named ${functionName}`);
  return found;
};

const httpEventsOf = (definition: StateFunction): HttpEventDefinition[] =>
  (definition.events ?? []).flatMap(({ http }) =>
    http
      ? [
          {
            method: http.method.toUpperCase(),
            path: `/${http.path.replace(/^\//, '')}`,
            private: !!http.private,
          },
        ]
      : [],
  );

/** The functions of one packaged service: routes from its state, the rest from its template. */
export const serviceFunctions = (service: ComposeService, region: string): FunctionDefinition[] => {
  const state = JSON.parse(
    readFileSync(packagedFile(service, 'serverless-state.json'), 'utf8'),
  ) as ServiceState;
  const template = loadTemplate(packagedFile(service, 'cloudformation-template-update-stack.json'));
  const artifact = packagedFile(service, path.basename(state.package.artifact ?? `${service.name}.zip`));
  return Object.values(state.service.functions ?? {}).map((definition) => {
    const [logicalId, resource] = functionResource(template, definition.name);
    const variables = (
      resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined
    )?.Variables;
    const environment = resolveValue(variables ?? {}, literalContext(region)) as Record<string, unknown>;
    return {
      service: service.name,
      functionName: definition.name,
      handler: stringProperty(resource, 'Handler'),
      timeoutSeconds: Number(resource.Properties?.Timeout ?? 6),
      memorySize: Number(resource.Properties?.MemorySize ?? 1024),
      environment: Object.fromEntries(
        Object.entries(environment).map(([name, value]) => [name, String(value)]),
      ),
      artifact,
      http: httpEventsOf(definition),
      sqs: sqsSourcesOf(template, logicalId, region),
    };
  });
};

/** Every function of every packaged function service of the compose project. */
export const loadFunctions = (root: string, region: string): FunctionDefinition[] =>
  composeServices(root)
    .filter((service) => existsSync(packagedFile(service, 'serverless-state.json')))
    .flatMap((service) => serviceFunctions(service, region));
