import { createAwsClients } from './clients';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './emulators';
import { resolveValue, type ResolveContext } from './intrinsics';
import { planProvisioning, type PlanContext, type PlannedResource, type SkippedResource } from './plan';
import { handlerFor, type ProvisionedResource } from './resources';
import type { ProvisionInput } from './resources/handler';
import type { CloudFormationTemplate } from './template';

export interface ProvisionOptions {
  /** Emulator environment (AWS_ENDPOINT_URL_*, AWS_REGION, credentials), as `startEmulators` returns it. */
  env: Record<string, string>;
  accountId?: string;
  region?: string;
  /** Template parameter values; each parameter's Default otherwise. */
  parameters?: Record<string, string>;
  /** Value of AWS::StackName, also the prefix of names the template leaves to CloudFormation. */
  stackName?: string;
}

export interface ProvisionResult {
  /** Created resources by logical id. */
  resources: Record<string, ProvisionedResource>;
  /** Resources of the template that are not created locally, with the reason. */
  skipped: SkippedResource[];
}

/** The resource with this logical id, or an error naming the ones that exist. */
export const requireResource = (
  resources: Record<string, ProvisionedResource>,
  logicalId: string,
): ProvisionedResource => {
  const resource = resources[logicalId];
  if (!resource) {
    throw new Error(`No local resource ${logicalId}; created: ${Object.keys(resources).join(', ')}`);
  }
  return resource;
};

const provisionStep = async (
  step: PlannedResource,
  context: ResolveContext,
  input: Omit<ProvisionInput, 'logicalId' | 'properties'>,
): Promise<ProvisionedResource> => {
  const handler = handlerFor(step.type);
  try {
    const properties = resolveValue(step.properties, context) as Record<string, unknown>;
    const created = await handler.provision({ ...input, logicalId: step.logicalId, properties });
    const notEmulated = Object.keys(properties).filter((name) => !handler.applies.includes(name));
    return { logicalId: step.logicalId, type: step.type, ...created, notEmulated };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not provision ${step.logicalId} (${step.type}): ${message}`, { cause: error });
  }
};

/**
 * Creates the template's tables, topics, queues, subscriptions and buckets in the emulators, each after
 * the resources it refers to. Safe to run again against a backend that already has them.
 */
export const provisionFromTemplate = async (
  template: CloudFormationTemplate,
  options: ProvisionOptions,
): Promise<ProvisionResult> => {
  const planContext: PlanContext = {
    accountId: options.accountId ?? LOCAL_ACCOUNT_ID,
    region: options.region ?? options.env.AWS_REGION ?? LOCAL_REGION,
    partition: 'aws',
    stackName: options.stackName ?? 'local',
    parameters: options.parameters,
  };
  const plan = planProvisioning(template, planContext);
  const context: ResolveContext = {
    ...planContext,
    parameters: plan.parameters,
    conditions: plan.conditions,
    resources: {},
    skipped: Object.fromEntries(plan.skipped.map(({ logicalId, reason }) => [logicalId, reason])),
  };
  const clients = createAwsClients(options.env);
  const resources: Record<string, ProvisionedResource> = {};
  try {
    for (const step of plan.steps) {
      const resource = await provisionStep(step, context, { ...planContext, clients });
      resources[step.logicalId] = resource;
      context.resources[step.logicalId] = resource;
    }
  } finally {
    clients.destroy();
  }
  return { resources, skipped: plan.skipped };
};
