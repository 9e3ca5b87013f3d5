import path from 'node:path';
import { startEmulators, type EmulatorOptions } from './emulators';
import { provisionFromTemplate } from './provision';
import type { ProvisionedResource } from './resources';
import { loadTemplate, type CloudFormationTemplate } from './template';

/** The infrastructure service's template as `serverless package --stage local` writes it. */
export const defaultTemplatePath = (): string =>
  path.resolve(__dirname, '../../../infrastructure/.serverless/cloudformation-template-update-stack.json');

export interface LocalStackOptions extends EmulatorOptions {
  /** Packaged CloudFormation template; the infrastructure service's by default. */
  templatePath?: string;
  /** VisibilityTimeout overrides by queue logical id, for tests that wait for redelivery. */
  queueVisibilityTimeouts?: Record<string, number>;
}

/**
 * The template with some queues' VisibilityTimeout replaced, as if deployed with those values: lets a
 * test see a failed message again in seconds instead of minutes, through the queue's own semantics.
 */
export const withVisibilityTimeouts = (
  template: CloudFormationTemplate,
  overrides: Record<string, number> = {},
): CloudFormationTemplate => {
  const resources = { ...template.Resources };
  for (const [logicalId, seconds] of Object.entries(overrides)) {
    const queue = resources[logicalId];
    if (queue?.Type !== 'AWS::SQS::Queue') throw new Error(`${logicalId} is not a queue of the template`);
    resources[logicalId] = { ...queue, Properties: { ...queue.Properties, VisibilityTimeout: seconds } };
  }
  return { ...template, Resources: resources };
};

/** Starts the emulators and creates in them every resource of the packaged infrastructure template. */
export const startLocalStack = async (options: LocalStackOptions = {}) => {
  const template = withVisibilityTimeouts(
    loadTemplate(options.templatePath ?? defaultTemplatePath()),
    options.queueVisibilityTimeouts,
  );
  const emulators = await startEmulators(options);
  try {
    const { resources, skipped } = await provisionFromTemplate(template, emulators);
    /** The created resource with this logical id; throws when the template has none. */
    const resource = (logicalId: string): ProvisionedResource => {
      const found = resources[logicalId];
      if (!found)
        throw new Error(`No local resource ${logicalId}; created: ${Object.keys(resources).join(', ')}`);
      return found;
    };
    return { ...emulators, resources, skipped, resource };
  } catch (error) {
    await emulators.stop();
    throw error;
  }
};

export type LocalStack = Awaited<ReturnType<typeof startLocalStack>>;
