export { createAwsClients, type AwsClients } from './clients';
export {
  LOCAL_ACCOUNT_ID,
  LOCAL_REGION,
  startEmulators,
  type EmulatorEndpoints,
  type EmulatorOptions,
  type Emulators,
} from './emulators';
export {
  NO_VALUE,
  referencedNames,
  resolveValue,
  type ResolveContext,
  type ResourceIdentity,
} from './intrinsics';
export { defaultTemplatePath, startLocalStack, type LocalStack, type LocalStackOptions } from './local-stack';
export { planProvisioning, type PlannedResource, type ProvisionPlan, type SkippedResource } from './plan';
export {
  provisionFromTemplate,
  requireResource,
  type ProvisionOptions,
  type ProvisionResult,
} from './provision';
export type { ProvisionedResource } from './resources';
export { loadTemplate, type CloudFormationTemplate, type TemplateResource } from './template';
export { applyEnv } from './env';
export { useLocalStack, type UseLocalStackOptions } from './testing';
export { apiGatewayEvent, type HttpRequest } from './api-gateway-event';
export {
  startSystem,
  type BatchLog,
  type RequestLog,
  type RunningSystem,
  readStackFile,
  type StackDescription,
  type SystemOptions,
  describeStop,
  SNAPSHOT_FILE,
  type QueueLeft,
  type SnapshotCounts,
  type StopOptions,
  type StopReport,
  referenceSite,
  REFERENCE_PATH,
  type SiteFile,
} from './system';
export { drain, pollOnce, type EventSource, type SqsHandler } from './event-source';
export { sqsRecord } from './system/sqs-event';
export * from './timeline';
