import { ACCESS_LOG_GROUP, requestsById } from './access-log';

type LogLine = Record<string, unknown>;

/** The functions' JSON log lines with their service; EMF metric lines and any other text left out. */
export const functionLogLines = (logGroups: Record<string, string[]>) =>
  Object.entries(logGroups).flatMap(([service, lines]) =>
    lines.flatMap((text) => {
      if (!text.startsWith('{')) return [];
      try {
        const line = JSON.parse(text) as LogLine;
        return '_aws' in line ? [] : [{ service, line }];
      } catch {
        return [];
      }
    }),
  );

export const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

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
export const timelineOf = (logGroups: Record<string, string[]>, id: string) => {
  const lines = functionLogLines(logGroups);
  // A request id also names its product, so the consumers' lines are found by either.
  const requestIds = new Set<string | undefined>([
    id,
    ...lines.filter(({ line }) => line.productId === id).flatMap(({ line }) => apiRequestOf(line) ?? []),
  ]);
  const functionSteps = lines
    .filter(({ line }) => line.productId === id || requestIds.has(apiRequestOf(line)))
    .map(({ service, line }) => ({
      at: text(line.timestamp) ?? '',
      service,
      step: describe(line),
      ...(apiRequestOf(line) ? { apiRequestId: apiRequestOf(line) } : {}),
    }));
  // The API requests themselves, from the stage's access log: those the steps name, or the one asked for.
  const requestSteps = [...requestsById(logGroups).values()]
    .filter(({ requestId }) => requestIds.has(requestId))
    .map(({ requestId, at, method, path, status, latencyMs }) => ({
      at,
      service: ACCESS_LOG_GROUP,
      step: `request: ${method} ${path} -> ${status} in ${latencyMs} ms`,
      apiRequestId: requestId,
    }));
  return [...requestSteps, ...functionSteps].sort((a, b) => a.at.localeCompare(b.at));
};

/** One step of a change's way through the system: a request of the access log, or a function's log line. */
export type TimelineStep = ReturnType<typeof timelineOf>[number];

export const formatTimeline = (steps: TimelineStep[]): string[] =>
  steps.map(
    ({ at, service, step, apiRequestId }) =>
      `${at}  ${service.padEnd(15)}  ${step}${apiRequestId ? `  [request ${apiRequestId}]` : ''}`,
  );
