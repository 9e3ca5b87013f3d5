import { createAwsClients } from './clients';
import type { Emulators } from './emulators';
import { evaluateConditions, referencedNames, type ResolveContext } from './intrinsics';
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

export type SkippedResource = Pick<PlannedResource, 'logicalId' | 'type'> & { reason: string };

export type PlanContext = Pick<ResolveContext, 'accountId' | 'region' | 'partition' | 'stackName'> & {
  /** Parameter values that override the template's Defaults. */
  parameters?: Record<string, string>;
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
export const planProvisioning = (template: CloudFormationTemplate, context: PlanContext) => {
  const parameters = parameterValues(template, context.parameters);
  const conditions = evaluateConditions(template.Conditions ?? {}, { ...context, parameters });
  const skipped: SkippedResource[] = [];
  const created: Array<[string, TemplateResource]> = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const { Condition } = resource;
    const holds = Condition === undefined || conditions[Condition];
    if (holds === undefined) throw new Error(`${logicalId} names an unknown condition ${Condition}`);
    const reason = holds ? skipReason(logicalId, resource) : `condition ${Condition} is false`;
    if (reason === undefined) created.push([logicalId, resource]);
    else skipped.push({ logicalId, type: resource.Type, reason });
  }
  const createdIds = new Set(created.map(([logicalId]) => logicalId));
  const steps = created.map(([logicalId, { Type: type, Properties: properties = {}, DependsOn = [] }]) => {
    const names = [...new Set([...referencedNames(properties), ...[DependsOn].flat()])];
    return { logicalId, type, properties, dependsOn: names.filter((name) => createdIds.has(name)) };
  });
  const reasons = Object.fromEntries(skipped.map(({ logicalId, reason }) => [logicalId, reason]));
  return {
    steps: inDependencyOrder(steps),
    skipped,
    context: { ...context, parameters, conditions, resources: {}, skipped: reasons },
  };
};

/**
 * Creates the template's tables, topics, queues, subscriptions and buckets in the emulators, each after
 * the resources it refers to. Safe to run again against a backend that already has them.
 */
export const provisionFromTemplate = async (
  template: CloudFormationTemplate,
  { env, accountId, region }: Pick<Emulators, 'env' | 'accountId' | 'region'>,
) => {
  const plan = planProvisioning(template, { accountId, region, partition: 'aws', stackName: 'local' });
  const resources: Record<string, ProvisionedResource> = {};
  const context = { ...plan.context, resources };
  const clients = createAwsClients(env);
  try {
    for (const step of plan.steps)
      resources[step.logicalId] = await provisionResource(step, clients, context);
  } finally {
    clients.destroy();
  }
  return { resources, skipped: plan.skipped };
};
