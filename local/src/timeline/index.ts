export { logGroupWriter, readLogGroups } from './log-groups';
export { formatTimeline, timelineOf, type TimelineStep } from './timeline';
