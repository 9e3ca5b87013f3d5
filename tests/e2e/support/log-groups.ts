import { ACCESS_LOG_GROUP, accessLogLine, type SystemOptions } from '@bbws/dev-server';

/**
 * What npm start keeps in .local/logs (the API's access log and one log group per function), in memory:
 * `logGroups` to read, and the two startSystem callbacks that fill it.
 */
export const inMemoryLogGroups = () => {
  const logGroups: Record<string, string[]> = {};
  const capture: Pick<SystemOptions, 'onFunctionOutput' | 'onRequest'> = {
    onFunctionOutput: (service, line) => (logGroups[service] ??= []).push(line),
    onRequest: (request) => (logGroups[ACCESS_LOG_GROUP] ??= []).push(accessLogLine(request)),
  };
  return { logGroups, capture };
};
