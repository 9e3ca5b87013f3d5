export { createAwsClients, type AwsClients } from './clients';
export {
  LOCAL_ACCOUNT_ID,
  LOCAL_REGION,
  emulatorEnv,
  startEmulators,
  type EmulatorEndpoints,
  type Emulators,
} from './emulators';
export { evaluateConditions, referencedNames, resolveValue, type ResolveContext } from './intrinsics';
export {
  defaultTemplatePath,
  startLocalStack,
  withVisibilityTimeouts,
  type LocalStack,
  type LocalStackOptions,
} from './local-stack';
export { planProvisioning, provisionFromTemplate } from './provision';
export type { ProvisionedResource } from './resources';
export { portNumber, stopOnSignals } from './shutdown';
export {
  loadTemplate,
  parameterValues,
  type CloudFormationTemplate,
  type TemplateResource,
} from './template';
