import { existsSync, readFileSync } from 'node:fs';

export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Condition?: string;
  DependsOn?: string | string[];
}

export interface CloudFormationTemplate {
  Resources: Record<string, TemplateResource>;
  Parameters?: Record<string, { Type?: string; Default?: unknown }>;
  Conditions?: Record<string, unknown>;
  Outputs?: Record<string, unknown>;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a packaged CloudFormation template (JSON, as `serverless package` writes it). */
export const loadTemplate = (templatePath: string): CloudFormationTemplate => {
  if (!existsSync(templatePath)) {
    throw new Error(
      `No packaged template at ${templatePath}. Package it first: cd infrastructure && npx serverless package --stage local`,
    );
  }
  const template: unknown = JSON.parse(readFileSync(templatePath, 'utf8'));
  if (!isRecord(template) || !isRecord(template.Resources)) {
    throw new Error(`${templatePath} is not a CloudFormation template: it has no Resources object`);
  }
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (!isRecord(resource) || typeof resource.Type !== 'string') {
      throw new Error(`${templatePath}: resource ${logicalId} has no Type`);
    }
  }
  return template as unknown as CloudFormationTemplate;
};

/** Parameter values: each parameter's Default, overridden by `overrides`. */
export const parameterValues = (template: CloudFormationTemplate, overrides: Record<string, string> = {}) => {
  const defaults = Object.entries(template.Parameters ?? {}).map(([name, { Default }]) => [name, Default]);
  return { ...(Object.fromEntries(defaults) as Record<string, unknown>), ...overrides };
};
