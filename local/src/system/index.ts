export { startSystem, type RunningSystem } from './start-system';
export type { SystemOptions } from './options';
export type { RequestLog } from './gateway';
export type { BatchLog } from './sqs-poller';
export { readStackFile, type StackDescription } from './stack-file';
export { describeStop, type QueueLeft, type StopOptions, type StopReport } from './stop-report';
export { SNAPSHOT_FILE, type SnapshotCounts } from './persistence';
export { referenceSite, REFERENCE_PATH, type SiteFile } from './reference-page';
