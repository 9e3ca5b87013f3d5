import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
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

/** Each service of serverless-compose.yml, in its order, with the folder `serverless package` writes to. */
const packagedServices = (root: string) => {
  const compose = yaml.load(readFileSync(path.join(root, 'serverless-compose.yml'), 'utf8')) as {
    services: Record<string, { path: string }>;
  };
  return Object.entries(compose.services).map(([name, service]) => {
    const folder = path.join(root, service.path, '.serverless');
    return { name, folder, template: path.join(folder, 'cloudformation-template-update-stack.json') };
  });
};

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

/** The SQS event source mappings of the packaged template that invoke the function `logicalId`. */
const sqsSourcesOf = (template: CloudFormationTemplate, logicalId: string, region: string) =>
  Object.values(template.Resources)
    .filter(({ Type, Properties }) => Type === 'AWS::Lambda::EventSourceMapping' && Properties)
    .filter(({ Properties }) => referencedNames(Properties?.FunctionName).has(logicalId))
    .map(({ Properties = {} }) => {
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

export type SqsEventSource = ReturnType<typeof sqsSourcesOf>[number];

const refOf = (value: unknown): string | undefined => (value as { Ref?: string } | undefined)?.Ref;

/** The path of an AWS::ApiGateway::Resource of `resources`: `/v1.0/products/{productId}`. */
export const resourcePath = (resources: Record<string, TemplateResource>, logicalId: string): string => {
  const resource = resources[logicalId];
  if (resource?.Type !== 'AWS::ApiGateway::Resource') return '';
  const parent = refOf(resource.Properties?.ParentId);
  return `${parent ? resourcePath(resources, parent) : ''}/${String(resource.Properties?.PathPart)}`;
};

/**
 * The paths of the REST API's resources by the ids the function services are packaged with on stage local:
 * config/local-params.js (what `params.local` of each service is) stands in for the infrastructure's
 * Outputs there (`productResourceId` for the Output ProductResourceId, which refers to the resource).
 */
const resourcePathsById = (root: string, infrastructure: CloudFormationTemplate) => {
  const localParams = path.resolve(root, 'config/local-params.js');
  const params = createRequire(localParams)(localParams) as Record<string, unknown>;
  return new Map(
    Object.entries(infrastructure.Outputs ?? {}).flatMap(([name, output]) => {
      const id = params[name.charAt(0).toLowerCase() + name.slice(1)];
      const logicalId = refOf((output as { Value?: unknown }).Value);
      return typeof id === 'string' && logicalId
        ? [[id, resourcePath(infrastructure.Resources, logicalId)]]
        : [];
    }),
  );
};

/** The http events (serverless.yml) of the function `logicalId`, as its AWS::ApiGateway::Methods have them. */
const httpEventsOf = (template: CloudFormationTemplate, logicalId: string, paths: Map<string, string>) =>
  Object.values(template.Resources)
    .filter(({ Type, Properties }) => Type === 'AWS::ApiGateway::Method' && Properties)
    .filter(({ Properties }) => referencedNames(Properties?.Integration).has(logicalId))
    .map(({ Properties = {} }) => {
      const resourceId = Properties.ResourceId;
      const local = refOf(resourceId);
      return {
        method: String(Properties.HttpMethod).toUpperCase(),
        /** `/v1.0/products/{productId}`. */
        path: local ? resourcePath(template.Resources, local) : (paths.get(String(resourceId)) ?? ''),
        private: Properties.ApiKeyRequired === true,
      };
    });

/** The functions of one packaged service, from its packaged template. */
const serviceFunctions = (
  service: ReturnType<typeof packagedServices>[number],
  region: string,
  paths: Map<string, string>,
) => {
  const template = loadTemplate(service.template);
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function')
    .map(([logicalId, { Properties = {} }]) => {
      const variables = (Properties.Environment as { Variables?: Record<string, unknown> } | undefined)
        ?.Variables;
      const code = Properties.Code as { S3Key?: string } | undefined;
      return {
        /** The service's folder name, as in serverless-compose.yml: `get-product`. */
        service: service.name,
        /** The deployed function name: `bbws-get-product-local-getProduct`. */
        functionName: String(Properties.FunctionName),
        /** `src/handler.handler`. */
        handler: String(Properties.Handler),
        timeoutSeconds: Number(Properties.Timeout ?? 6),
        memorySize: Number(Properties.MemorySize ?? 1024),
        /** Environment variables of the packaged template, dynamic references unresolved. */
        environment: resolveValue(variables ?? {}, literalContext(region)) as Record<string, unknown>,
        /** The packaged esbuild bundle. */
        artifact: path.join(service.folder, path.basename(code?.S3Key ?? `${service.name}.zip`)),
        /** The stage it was packaged for: its code's deployment bucket key is `serverless/<service>/<stage>/...`. */
        packagedStage: code?.S3Key?.split('/')[2],
        http: httpEventsOf(template, logicalId, paths),
        sqs: sqsSourcesOf(template, logicalId, region),
      };
    });
};

export type FunctionDefinition = ReturnType<typeof serviceFunctions>[number];

/** Every function of every packaged function service of the compose project. */
export const loadFunctions = (root: string, region: string, infrastructure: CloudFormationTemplate) => {
  const paths = resourcePathsById(root, infrastructure);
  return packagedServices(root)
    .filter((service) => existsSync(service.template))
    .flatMap((service) => serviceFunctions(service, region, paths));
};
