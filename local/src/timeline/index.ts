export { ACCESS_LOG_GROUP, accessLogLine, requestsById, type AccessLogEntry } from './access-log';
export { logGroupWriter, readLogGroups } from './log-groups';
export { formatTimeline, timelineOf, type TimelineStep } from './timeline';
export { recentChanges, type Change, type ConsumerStep } from './changes';
export { startChangesPage, type ChangesPageOptions, type QueueDepth } from './changes-page';
export { queueDepthsOf } from './queue-depths';
