export { startSystem, type RunningSystem } from './start-system';
export type { SystemOptions } from './options';
export type { RequestLog } from './gateway';
export type { BatchLog } from './sqs-poller';
export { readStackFile, type StackDescription } from './stack-file';
export { referenceSite, REFERENCE_PATH, type SiteFile } from './reference-page';
