import { evaluateConditions } from './conditions';
import { referencedNames, type ResolveContext } from './intrinsics';
import { skipReason } from './resources';
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
  conditions: Record<string, boolean>;
  /** Parameter values: the overrides given, else each parameter's Default. */
  parameters: Record<string, unknown>;
}

export interface PlanContext extends Omit<
  ResolveContext,
  'conditions' | 'resources' | 'skipped' | 'parameters'
> {
  /** Parameter values that override the template's Defaults. */
  parameters?: Record<string, string>;
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

const dependenciesOf = (resource: TemplateResource, created: Set<string>): string[] => {
  const explicit = resource.DependsOn === undefined ? [] : [resource.DependsOn].flat();
  const names = new Set([...referencedNames(resource.Properties ?? {}), ...explicit]);
  return [...names].filter((name) => created.has(name));
};

// Depth-first topological order that keeps template order wherever dependencies allow.
const inDependencyOrder = (candidates: PlannedResource[]): PlannedResource[] => {
  const byId = new Map(candidates.map((step) => [step.logicalId, step]));
  const ordered: PlannedResource[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (step: PlannedResource, path: string[]): void => {
    if (state.get(step.logicalId) === 'done') return;
    if (state.get(step.logicalId) === 'visiting') {
      throw new Error(`Circular dependency: ${[...path, step.logicalId].join(' -> ')}`);
    }
    state.set(step.logicalId, 'visiting');
    step.dependsOn.forEach((id) => visit(byId.get(id) as PlannedResource, [...path, step.logicalId]));
    state.set(step.logicalId, 'done');
    ordered.push(step);
  };
  candidates.forEach((step) => visit(step, []));
  return ordered;
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
  const candidates = created.map(([logicalId, resource]) => ({
    logicalId,
    type: resource.Type,
    properties: resource.Properties ?? {},
    dependsOn: dependenciesOf(resource, createdIds),
  }));
  return { steps: inDependencyOrder(candidates), skipped, conditions, parameters };
};
