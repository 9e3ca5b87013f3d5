import { createAwsClients, type AwsClients } from './clients';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './emulators';
import { evaluateConditions, referencedNames, resolveValue, type ResolveContext } from './intrinsics';
import { provisionResource, skipReason, type ProvisionedResource } from './resources';
import { parameterValues, type CloudFormationTemplate, type TemplateResource } from './template';

export interface PlannedResource {
  logicalId: string;
  type: string;
  /** Raw template properties, resolved only when the step runs (they may refer to earlier steps). */
  properties: Record<string, unknown>;
  /** Resources of this plan that must exist first. */
  dependsOn: string[];
}

export interface SkippedResource {
  logicalId: string;
  type: string;
  reason: string;
}

export interface ProvisionPlan {
  /** Resources to create, each after the ones it refers to. */
  steps: PlannedResource[];
  skipped: SkippedResource[];
  /** Parameter values (the overrides given, else each Default), conditions and skip reasons. */
  context: ResolveContext;
}

export type PlanContext = Pick<ResolveContext, 'accountId' | 'region' | 'partition' | 'stackName'> & {
  /** Parameter values that override the template's Defaults. */
  parameters?: Record<string, string>;
};

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

const reasonToSkip = (
  logicalId: string,
  resource: TemplateResource,
  conditions: Record<string, boolean>,
): string | undefined => {
  if (resource.Condition === undefined) return skipReason(logicalId, resource);
  const holds = conditions[resource.Condition];
  if (holds === undefined) throw new Error(`${logicalId} names an unknown condition ${resource.Condition}`);
  return holds ? skipReason(logicalId, resource) : `condition ${resource.Condition} is false`;
};

// Depth-first topological order that keeps template order wherever dependencies allow.
const inDependencyOrder = (candidates: PlannedResource[]): PlannedResource[] => {
  const byId = new Map(candidates.map((step) => [step.logicalId, step]));
  const ordered = new Set<PlannedResource>();
  const visit = (step: PlannedResource, path: string[]): void => {
    if (ordered.has(step)) return;
    if (path.includes(step.logicalId)) {
      throw new Error(`Circular dependency: ${[...path, step.logicalId].join(' -> ')}`);
    }
    step.dependsOn.forEach((id) => visit(byId.get(id) as PlannedResource, [...path, step.logicalId]));
    ordered.add(step);
  };
  candidates.forEach((step) => visit(step, []));
  return [...ordered];
};

/** Decides which template resources are created locally, and in what order; no emulator is called. */
export const planProvisioning = (template: CloudFormationTemplate, context: PlanContext): ProvisionPlan => {
  const parameters = parameterValues(template, context.parameters);
  const conditions = evaluateConditions(template.Conditions ?? {}, { ...context, parameters });
  const skipped: SkippedResource[] = [];
  const created: Array<[string, TemplateResource]> = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const reason = reasonToSkip(logicalId, resource, conditions);
    if (reason === undefined) created.push([logicalId, resource]);
    else skipped.push({ logicalId, type: resource.Type, reason });
  }
  const createdIds = new Set(created.map(([logicalId]) => logicalId));
  const steps = created.map(([logicalId, { Type, Properties = {}, DependsOn = [] }]) => {
    const names = new Set([...referencedNames(Properties), ...[DependsOn].flat()]);
    return {
      logicalId,
      type: Type,
      properties: Properties,
      dependsOn: [...names].filter((name) => createdIds.has(name)),
    };
  });
  const reasons = Object.fromEntries(skipped.map(({ logicalId, reason }) => [logicalId, reason]));
  return {
    steps: inDependencyOrder(steps),
    skipped,
    context: { ...context, parameters, conditions, resources: {}, skipped: reasons },
  };
};

const provisionStep = async (
  { logicalId, type, properties }: PlannedResource,
  clients: AwsClients,
  context: ResolveContext,
): Promise<ProvisionedResource> => {
  try {
    const resolved = resolveValue(properties, context) as Record<string, unknown>;
    return await provisionResource(logicalId, type, resolved, clients, context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not provision ${logicalId} (${type}): ${message}`, { cause: error });
  }
};

/**
 * Creates the template's tables, topics, queues, subscriptions and buckets in the emulators, each after
 * the resources it refers to. Safe to run again against a backend that already has them.
 */
export const provisionFromTemplate = async (
  template: CloudFormationTemplate,
  options: ProvisionOptions,
): Promise<{ resources: Record<string, ProvisionedResource>; skipped: SkippedResource[] }> => {
  const plan = planProvisioning(template, {
    accountId: options.accountId ?? LOCAL_ACCOUNT_ID,
    region: options.region ?? options.env.AWS_REGION ?? LOCAL_REGION,
    partition: 'aws',
    stackName: options.stackName ?? 'local',
    parameters: options.parameters,
  });
  const resources: Record<string, ProvisionedResource> = {};
  const context = { ...plan.context, resources };
  const clients = createAwsClients(options.env);
  try {
    for (const step of plan.steps) resources[step.logicalId] = await provisionStep(step, clients, context);
  } finally {
    clients.destroy();
  }
  return { resources, skipped: plan.skipped };
};
