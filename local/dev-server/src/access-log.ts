import type { RequestLog } from './gateway';

/** The log group that stands in for the API stage's access log (AccessLogSetting in api.yml). */
export const ACCESS_LOG_GROUP = 'api-gateway';

/**
 * One request as the deployed stage's access log writes it: the same keys as its AccessLogSetting Format,
 * values as text like API Gateway's `$context` variables. `path` is the request path here, where API
 * Gateway logs the resource path (`/v1.0/products/{productId}`).
 */
export const accessLogLine = (
  { requestId, method, path, statusCode, durationMs }: RequestLog,
  finishedAt = Date.now(),
): string =>
  JSON.stringify({
    requestId,
    method,
    path: path.split('?')[0],
    status: String(statusCode),
    latencyMs: String(durationMs),
    requestTimeEpoch: String(finishedAt - durationMs),
  });

const entryOf = (line: string) => {
  try {
    const fields = JSON.parse(line) as Record<string, string | undefined>;
    const { requestId, method, path, status, latencyMs, requestTimeEpoch } = fields;
    if (!requestId || !method || !path || !requestTimeEpoch) return [];
    const at = new Date(Number(requestTimeEpoch)).toISOString();
    return [{ requestId, at, method, path, status: Number(status), latencyMs: Number(latencyMs) }];
  } catch {
    return [];
  }
};

/** A request of the access log, as the timeline shows it. */
export type AccessLogEntry = ReturnType<typeof entryOf>[number];

export const requestsById = (logGroups: Record<string, string[]>): Map<string, AccessLogEntry> =>
  new Map((logGroups[ACCESS_LOG_GROUP] ?? []).flatMap(entryOf).map((entry) => [entry.requestId, entry]));
