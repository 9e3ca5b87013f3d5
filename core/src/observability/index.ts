export {
  METRICS_NAMESPACE,
  MetricName,
  metrics,
  recordColdStart,
  recordChangeAccepted,
  recordChangeEventProcessed,
  recordPropagation,
  recordAuditRecordWritten,
  type ProcessedOutcome,
} from './metrics';
export { tracer, traced, traceIdOf, upstreamTraceOf, inSubsegment, type Annotations } from './tracer';
