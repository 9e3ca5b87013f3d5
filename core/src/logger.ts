import { Logger } from '@aws-lambda-powertools/logger';

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
