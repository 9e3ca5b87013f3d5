import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * The functions' X-Ray tracer. POWERTOOLS_TRACE_ENABLED comes from the stage (the `tracing` param, false on
 * `local`, where no X-Ray daemon listens): disabled, it hands SDK clients back unwrapped and records nothing.
 */
export const tracer = new Tracer();

/** The client, its calls recorded as X-Ray subsegments when tracing is on. */
export const traced = <T>(client: T): T => tracer.captureAWSv3Client(client);
