import type * as PowertoolsTracer from '@aws-lambda-powertools/tracer';
import type { SQSRecord } from 'aws-lambda';

type Tracer = PowertoolsTracer.Tracer;

// POWERTOOLS_TRACE_ENABLED comes from the stage (param tracingEnabled: 'true' on every deployed stage,
// 'false' on `local`, where no X-Ray daemon listens). Off, the Tracer and the X-Ray SDK behind it (cls-hooked,
// its patchers: about 110 KiB of bundle and an async hook on every promise) are never loaded; on, Powertools
// decides as it always does (it also stays off outside Lambda).
const tracingOff = (): boolean => process.env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() === 'false';

const loadTracer = (): Tracer | undefined => {
  if (tracingOff()) return undefined;
  // A require, not an import, so that a stage without tracing never evaluates the X-Ray SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Tracer } = require('@aws-lambda-powertools/tracer') as typeof PowertoolsTracer;
  return new Tracer();
};

// At module scope: with tracing on, the X-Ray SDK loads in Lambda's init phase, as any module-scope client.
const instance = loadTracer();

/** The functions' X-Ray tracer (Powertools); undefined when the stage turns tracing off. */
export const tracer = (): Tracer | undefined => instance;

/** The client, its calls recorded as X-Ray subsegments (and the trace header sent on) when tracing is on. */
export const traced = <T>(client: T): T => tracer()?.captureAWSv3Client(client) ?? client;

/** The trace id in an X-Ray trace header (`Root=1-...;Parent=...;Sampled=1`), if it has one. */
export const traceIdOf = (traceHeader: string | undefined): string | undefined =>
  /(?:^|;)\s*Root=([^;\s]+)/.exec(traceHeader ?? '')?.[1];

/**
 * The trace of the API call a record comes from: SNS (active tracing) passes the Publish request's trace
 * header on to SQS, which hands it to the consumer as the AWSTraceHeader system attribute.
 */
export const upstreamTraceOf = (record: Pick<SQSRecord, 'attributes'>): { upstreamTraceId?: string } => {
  const upstreamTraceId = traceIdOf(record.attributes.AWSTraceHeader);
  return upstreamTraceId === undefined ? {} : { upstreamTraceId };
};

/** X-Ray annotations: indexed, so a trace is found by them (`annotation.apiRequestId = "..."`). */
export type Annotations = Record<string, string>;

/**
 * Runs `work` in an X-Ray subsegment `name` carrying `annotations`, so that the SDK calls it makes hang from
 * it; without tracing, just runs it.
 */
export const inSubsegment = <T>(
  name: string,
  annotations: Annotations,
  work: () => Promise<T>,
): Promise<T> => {
  const active = tracer();
  if (!active?.isTracingEnabled() || !active.getSegment()) return work();
  // The X-Ray SDK returns what `work`'s wrapper returns: this promise.
  return active.provider.captureAsyncFunc(name, async (subsegment) => {
    for (const [key, value] of Object.entries(annotations)) subsegment?.addAnnotation(key, value);
    try {
      return await work();
    } catch (error) {
      active.addErrorAsMetadata(error instanceof Error ? error : new Error(String(error)));
      throw error;
    } finally {
      subsegment?.close();
    }
  }) as Promise<T>;
};
