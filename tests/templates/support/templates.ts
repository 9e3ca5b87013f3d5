import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contracts, type OperationContract } from '@bbws/core';
import { load } from 'js-yaml';

export const repoRoot = join(__dirname, '..', '..', '..');

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown }>;
  Parameters?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
}

interface ComposeFile {
  services: Record<string, { path: string; params?: Record<string, string> }>;
}

export const compose = load(readFileSync(join(repoRoot, 'serverless-compose.yml'), 'utf8')) as ComposeFile;

export const serviceNames = Object.keys(compose.services);
export const functionServiceNames = serviceNames.filter((name) => name !== 'infrastructure');

export const templatePath = (service: string): string =>
  join(
    repoRoot,
    compose.services[service]?.path ?? service,
    '.serverless',
    'cloudformation-template-update-stack.json',
  );

/** The packaged template of a service; `npm run package` (part of `npm test`) writes them. */
export const loadTemplate = (service: string): CfnTemplate => {
  const path = templatePath(service);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run package\` first`);
  return JSON.parse(readFileSync(path, 'utf8')) as CfnTemplate;
};

interface ServiceState {
  service: { functions: Record<string, { events: { http?: { path: string; method: string } }[] }> };
}

/** The resolved configuration of a packaged service, as osls wrote it beside the template. */
export const packagedState = (service: string): ServiceState =>
  JSON.parse(
    readFileSync(
      templatePath(service).replace('cloudformation-template-update-stack.json', 'serverless-state.json'),
      'utf8',
    ),
  ) as ServiceState;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const httpRoutes = require(join(repoRoot, 'config', 'http-routes.js')) as {
  resourceParamOf: (path: string) => string;
};

/** The param (an infrastructure Output, camel-cased) holding the API resource of a path: config/http-routes.js. */
export const resourceParamOf = httpRoutes.resourceParamOf;

/** The contract of the operation a service serves: its function is the camel-cased folder name. */
export const contractOf = (service: string): OperationContract => {
  const operationId = service.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
  const contract = (contracts as Record<string, OperationContract>)[operationId];
  if (!contract) throw new Error(`${service} serves no operation of core/src/contracts`);
  return contract;
};

export const resourcesOfType = (template: CfnTemplate, type: string): [string, CfnResource][] =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

export const serviceYaml = (service: string): string =>
  readFileSync(join(repoRoot, compose.services[service]?.path ?? service, 'serverless.yml'), 'utf8');

type VariableSource = (context: { resolveVariable: (variable: string) => Promise<unknown> }) => unknown;

/**
 * What a `${file(../config/x.js):address}` source gives the service: the address of the module, called
 * (as osls calls it) when it is a function. Sources without an address (config/infrastructure-params.js,
 * which reads a deployed stack) are not run.
 */
const jsSourceValue = async (file: string, address: string, service: string): Promise<unknown> => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = require(join(repoRoot, file)) as Record<string, unknown>;
  const value = address
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], exported);
  const serviceName = (load(serviceYaml(service)) as { service: string }).service;
  const resolveVariable = async (variable: string) => {
    if (variable !== 'self:service') throw new Error(`${file} asks for ${variable}`);
    return serviceName;
  };
  return typeof value === 'function' ? (value as VariableSource)({ resolveVariable }) : value;
};

/**
 * The text of a service's serverless.yml together with the shared config it includes, followed through
 * the files those include: YAML files as written, JS sources with an address as the value they give.
 */
export const serviceConfigText = async (service: string): Promise<string> => {
  const seen = new Set<string>();
  const expand = async (text: string): Promise<string[]> => {
    const parts = [text];
    for (const [, file = '', address] of text.matchAll(
      /\$\{file\(\.\.\/(config\/[\w./-]+)\)(?::([\w.]+))?/g,
    )) {
      const key = `${file}:${address ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (file.endsWith('.js')) {
        if (address)
          parts.push(...(await expand(JSON.stringify(await jsSourceValue(file, address, service)))));
      } else parts.push(...(await expand(readFileSync(join(repoRoot, file), 'utf8'))));
    }
    return parts;
  };
  return (await expand(serviceYaml(service))).join('\n');
};

export const paramsUsedBy = async (service: string): Promise<Set<string>> =>
  new Set(
    [...(await serviceConfigText(service)).matchAll(/\$\{param:(\w+)/g)].map((match) => match[1] ?? ''),
  );

/** The `local` stage's params: config/local-params.yml and the route resources config/local-params.js adds. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const localParams = require(join(repoRoot, 'config', 'local-params.js')) as Record<string, string>;

const logicalIdOf = (key: string, value: unknown): string | undefined => {
  if (key === 'Ref' && typeof value === 'string') return value;
  if (key === 'Fn::GetAtt') return Array.isArray(value) ? String(value[0]) : String(value).split('.')[0];
  return undefined;
};

/** Logical ids that a value reaches through Ref or Fn::GetAtt. */
export const referencedIds = (node: unknown, found = new Set<string>()): Set<string> => {
  if (Array.isArray(node)) node.forEach((child) => referencedIds(child, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      const id = logicalIdOf(key, value);
      if (id) found.add(id);
      else referencedIds(value, found);
    }
  }
  return found;
};

/**
 * The X-Ray statement of every function role (config/xray-statement.yml): X-Ray has no resource-level
 * permissions for these two actions, so this is the one statement allowed `*`.
 */
export const xrayGrant = {
  Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
  Resource: '*',
} as const;

export const isXrayGrant = (statement: { Action: unknown; Resource?: unknown }): boolean =>
  JSON.stringify([statement.Action, statement.Resource]) ===
  JSON.stringify([xrayGrant.Action, xrayGrant.Resource]);

/** Variables every function gets for its metrics and traces (core/src/observability). */
export const observabilityEnvironment = ['STAGE', 'POWERTOOLS_TRACE_ENABLED'];
