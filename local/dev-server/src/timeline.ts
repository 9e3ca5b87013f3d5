import { ACCESS_LOG_GROUP, requestsById, type AccessLogEntry } from './access-log';

/** One step of a change's way through the system, read from a function's log line. */
export interface TimelineStep {
  at: string;
  service: string;
  step: string;
  productId?: string;
  apiRequestId?: string;
}

export type LogLine = Record<string, unknown>;

/** A function's JSON log line, in a list of one; an empty list for any other line. */
export const parseLogLine = (line: string): LogLine[] => {
  if (!line.startsWith('{')) return [];
  try {
    return [JSON.parse(line) as LogLine];
  } catch {
    return [];
  }
};

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The API request a line is about: its own on the API's lines, `apiRequestId` on the consumers'. */
const apiRequestOf = (line: LogLine): string | undefined =>
  text(line.apiRequestId) ?? (line.message === 'change published' ? text(line.requestId) : undefined);

const describe = (line: LogLine): string => {
  const { message, eventType, eventId, outcome, receiveCount, key, reason } = line;
  if (message === 'change published')
    return `accepted: ${String(eventType)} event ${String(eventId)} published`;
  if (message === 'change event processed') {
    const audit = typeof key === 'string' ? ` -> ${key}` : '';
    const why = typeof reason === 'string' ? ` (${reason})` : '';
    return `${String(eventType)} ${String(outcome)}, receive ${String(receiveCount)}${audit}${why}`;
  }
  return String(message);
};

/**
 * Every step about `id` (a productId or the request id of the API call that made the change) in the
 * functions' log lines, oldest first: the accepted request, then each consumer's outcome per receive.
 */
export const timelineOf = (logGroups: Record<string, string[]>, id: string): TimelineStep[] => {
  const lines = Object.entries(logGroups).flatMap(([service, raw]) =>
    raw.flatMap((entry) => {
      return parseLogLine(entry).flatMap((line) => ('_aws' in line ? [] : [{ service, line }]));
    }),
  );
  // A request id also names its product, so the consumers' lines are found by either.
  const requestsOfId = new Set(
    lines.filter(({ line }) => line.productId === id).flatMap(({ line }) => apiRequestOf(line) ?? []),
  );
  const functionSteps = lines
    .filter(({ line }) => {
      const request = apiRequestOf(line);
      return line.productId === id || request === id || (request !== undefined && requestsOfId.has(request));
    })
    .map(({ service, line }) => ({
      at: text(line.timestamp) ?? '',
      service,
      step: describe(line),
      ...(text(line.productId) ? { productId: text(line.productId) } : {}),
      ...(apiRequestOf(line) ? { apiRequestId: apiRequestOf(line) } : {}),
    }));
  // The API requests themselves, from the stage's access log: those the steps name, or the one asked for.
  const requests = requestsById(logGroups);
  const named = new Set([id, ...functionSteps.flatMap(({ apiRequestId }) => apiRequestId ?? [])]);
  const requestSteps = [...named].flatMap((requestId) => {
    const request = requests.get(requestId);
    return request ? [requestStep(request)] : [];
  });
  return [...requestSteps, ...functionSteps].sort((a, b) => a.at.localeCompare(b.at));
};

const requestStep = ({ requestId, at, method, path, status, latencyMs }: AccessLogEntry): TimelineStep => ({
  at,
  service: ACCESS_LOG_GROUP,
  step: `request: ${method} ${path} -> ${status} in ${latencyMs} ms`,
  apiRequestId: requestId,
});

/** The timeline as lines for a terminal. */
export const formatTimeline = (steps: TimelineStep[]): string[] =>
  steps.map(
    ({ at, service, step, apiRequestId }) =>
      `${at}  ${service.padEnd(15)}  ${step}${apiRequestId ? `  [request ${apiRequestId}]` : ''}`,
  );
