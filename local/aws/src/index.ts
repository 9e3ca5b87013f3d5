export { createAwsClients, type AwsClients } from './clients';
export {
  LOCAL_ACCOUNT_ID,
  LOCAL_REGION,
  emulatorEnv,
  startEmulators,
  type EmulatorEndpoints,
  type EmulatorOptions,
  type Emulators,
} from './emulators';
export { evaluateConditions } from './conditions';
export {
  NO_VALUE,
  referencedNames,
  resolveValue,
  type ResolveContext,
  type ResourceIdentity,
} from './intrinsics';
export {
  defaultTemplatePath,
  startLocalStack,
  withVisibilityTimeouts,
  type LocalStack,
  type LocalStackOptions,
} from './local-stack';
export { planProvisioning, type PlannedResource, type ProvisionPlan, type SkippedResource } from './plan';
export {
  provisionFromTemplate,
  requireResource,
  type ProvisionOptions,
  type ProvisionResult,
} from './provision';
export type { ProvisionedResource } from './resources';
export { portNumber, stopOnSignals } from './shutdown';
export {
  loadTemplate,
  parameterValues,
  type CloudFormationTemplate,
  type TemplateResource,
} from './template';
