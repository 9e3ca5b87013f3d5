import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

export const resourcesOfType = (template: CfnTemplate, type: string): [string, CfnResource][] =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

export const serviceYaml = (service: string): string =>
  readFileSync(join(repoRoot, compose.services[service]?.path ?? service, 'serverless.yml'), 'utf8');

/** The text of a service's serverless.yml together with the shared config files it includes. */
export const serviceConfigText = (service: string): string => {
  const text = serviceYaml(service);
  const included = [...text.matchAll(/\$\{file\(\.\.\/(config\/[\w./-]+)\)/g)].map((match) =>
    readFileSync(join(repoRoot, match[1] ?? ''), 'utf8'),
  );
  return [text, ...included].join('\n');
};

export const paramsUsedBy = (service: string): Set<string> =>
  new Set([...serviceConfigText(service).matchAll(/\$\{param:(\w+)/g)].map((match) => match[1] ?? ''));

export const localParams = load(readFileSync(join(repoRoot, 'config', 'local-params.yml'), 'utf8')) as Record<
  string,
  string
>;

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
