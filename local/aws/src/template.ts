import { readFileSync } from 'node:fs';

export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Condition?: string;
  DependsOn?: string | string[];
}

export interface TemplateParameter {
  Type?: string;
  Default?: unknown;
}

export interface CloudFormationTemplate {
  Resources: Record<string, TemplateResource>;
  Parameters?: Record<string, TemplateParameter>;
  Conditions?: Record<string, unknown>;
  Outputs?: Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const assertTemplate: (value: unknown, source: string) => asserts value is CloudFormationTemplate = (
  value,
  source,
) => {
  if (!isRecord(value) || !isRecord(value.Resources)) {
    throw new Error(`${source} is not a CloudFormation template: it has no Resources object`);
  }
  for (const [logicalId, resource] of Object.entries(value.Resources)) {
    if (!isRecord(resource) || typeof resource.Type !== 'string') {
      throw new Error(`${source}: resource ${logicalId} has no Type`);
    }
  }
};

/** Reads a packaged CloudFormation template (JSON, as `serverless package` writes it). */
export const loadTemplate = (templatePath: string): CloudFormationTemplate => {
  let text: string;
  try {
    text = readFileSync(templatePath, 'utf8');
  } catch (error) {
    throw new Error(
      `No packaged template at ${templatePath}. Package it first: cd infrastructure && npx serverless package --stage local`,
      { cause: error },
    );
  }
  const template: unknown = JSON.parse(text);
  assertTemplate(template, templatePath);
  return template;
};

/** Parameter values: each parameter's Default, overridden by `overrides`. */
export const parameterValues = (
  template: CloudFormationTemplate,
  overrides: Record<string, string> = {},
): Record<string, unknown> => {
  const defaults = Object.entries(template.Parameters ?? {}).map(([name, parameter]) => [
    name,
    parameter.Default,
  ]);
  return { ...Object.fromEntries(defaults), ...overrides };
};
