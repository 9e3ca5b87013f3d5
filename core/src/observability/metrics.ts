import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ChangeEventType } from '../schemas/change-event';

/** The CloudWatch namespace of every business metric; the dashboard and the SLO alarm name it too. */
export const METRICS_NAMESPACE = 'BBWS/ProductApi';

/**
 * Every metric the functions emit, as CloudWatch Embedded Metric Format lines on stdout (no PutMetricData):
 * the names the dashboard, the SLO alarm and tests/templates/dashboard.test.ts use. `ColdStart` is
 * Powertools' own, with a `function_name` dimension.
 */
export const MetricName = {
  ColdStart: 'ColdStart',
  ChangesAccepted: 'ChangesAccepted',
  ChangeEventsProcessed: 'ChangeEventsProcessed',
  PropagationLatency: 'PropagationLatency',
  AuditRecordsWritten: 'AuditRecordsWritten',
} as const;

// Dimensions: `service` (Powertools' default, POWERTOOLS_SERVICE_NAME: one function per service, so it names
// the function), `stage` (one account may hold several stages), and per metric `eventType` / `outcome`.
// Nothing per product or request: those are high-cardinality and live in the log lines instead.
const stage = process.env.STAGE ?? 'unknown';

/** The functions' Metrics instance; service name from POWERTOOLS_SERVICE_NAME, `stage` from STAGE. */
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, defaultDimensions: { stage } });

// Powertools' singleMetric() builds a whole Metrics instance (its configuration, a Console) for each metric:
// 0.14-0.28 ms apiece on the bench machine, paid per request and twice per consumer record. Instead, one
// instance per set of extra dimension values (a handful: event type x outcome), built on first use, emits
// each metric as its own EMF line just as singleMetric() did, for about half of that. Powertools reads
// POWERTOOLS_METRICS_DISABLED when it builds an instance; keying on it keeps that setting read at each
// emission, as singleMetric() read it.
const emitters = new Map<string, Metrics>();

const emit = (
  name: string,
  unit: (typeof MetricUnit)[keyof typeof MetricUnit],
  value: number,
  dimensions: Record<string, string> = {},
): void => {
  const key = JSON.stringify([process.env.POWERTOOLS_METRICS_DISABLED, dimensions]);
  let emitter = emitters.get(key);
  if (!emitter) {
    emitter = new Metrics({ namespace: METRICS_NAMESPACE, defaultDimensions: { stage, ...dimensions } });
    emitters.set(key, emitter);
  }
  emitter.addMetric(name, unit, value);
  emitter.publishStoredMetrics();
};

/** The ColdStart metric, on the first invocation of an execution environment only. */
export const recordColdStart = (): void => metrics.captureColdStartMetric();

/** One accepted change (202), by event type. */
export const recordChangeAccepted = (eventType: ChangeEventType): void =>
  emit(MetricName.ChangesAccepted, MetricUnit.Count, 1, { eventType });

export type ProcessedOutcome = 'applied' | 'duplicate' | 'stale' | 'conflict' | 'failed';

/** One record a consumer is done with for this receive, by event type and outcome. */
export const recordChangeEventProcessed = (eventType: string, outcome: ProcessedOutcome): void =>
  emit(MetricName.ChangeEventsProcessed, MetricUnit.Count, 1, { eventType, outcome });

/**
 * Milliseconds from the event's `occurredAt` (the API accepted it) to now (the consumer applied or wrote
 * it), on `service` and `stage` only, so that one metric carries the SLO of each consumer.
 */
export const recordPropagation = (occurredAt: string, now: Date = new Date()): void => {
  const latency = Math.max(0, now.getTime() - new Date(occurredAt).getTime());
  emit(MetricName.PropagationLatency, MetricUnit.Milliseconds, latency);
};

/** One audit object written to the bucket. */
export const recordAuditRecordWritten = (): void => emit(MetricName.AuditRecordsWritten, MetricUnit.Count, 1);
