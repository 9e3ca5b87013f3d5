import { Logger } from '@aws-lambda-powertools/logger';
import { mapStackTracesLazily } from './stack-traces';

// Every function logs through this module, so this is where its bundle's stack traces get mapped back to
// TypeScript: lazily, when an error's stack is first formatted (see stack-traces.ts).
mapStackTracesLazily(__filename);

/** JSON logger; service name and level come from POWERTOOLS_SERVICE_NAME and POWERTOOLS_LOG_LEVEL. */
export const logger = new Logger();

export interface RequestContext {
  requestId: string;
  correlationId?: string;
}

/** Tags every following log line with this request's ids, replacing the previous request's. */
export const withRequestContext = ({ requestId, correlationId }: RequestContext): void => {
  logger.resetKeys();
  logger.appendKeys({ requestId, ...(correlationId === undefined ? {} : { correlationId }) });
};
