import { requestsById } from './access-log';
import { functionLogLines, text } from './timeline';

/** What one consumer did with a change on one receive, from its log line (`key`: the audit object written). */
const consumerStep = (line: Record<string, unknown>) => ({
  at: String(line.timestamp),
  outcome: String(line.outcome),
  receiveCount: Number(line.receiveCount),
  ...(typeof line.key === 'string' ? { key: line.key } : {}),
});
export type ConsumerStep = ReturnType<typeof consumerStep>;

/**
 * The `limit` most recent accepted changes (one event each), newest first, with the API request that
 * made each (from the stage's access log) and each consumer's steps in time order.
 */
export const recentChanges = (logGroups: Record<string, string[]>, limit = 20) => {
  const requests = requestsById(logGroups);
  const lines = functionLogLines(logGroups).sort((a, b) =>
    String(a.line.timestamp).localeCompare(String(b.line.timestamp)),
  );
  const published = lines.filter(({ line }) => line.message === 'change published');
  const changes = new Map(
    published.map(({ service, line }) => {
      const apiRequestId = text(line.requestId);
      const change = {
        eventId: String(line.eventId),
        eventType: String(line.eventType),
        productId: String(line.productId),
        apiRequestId,
        request: apiRequestId === undefined ? undefined : requests.get(apiRequestId),
        acceptedAt: String(line.timestamp),
        acceptedBy: service,
        consumers: {} as Record<string, ConsumerStep[]>,
      };
      return [change.eventId, change] as const;
    }),
  );
  for (const { service, line } of lines.filter(({ line }) => line.message === 'change event processed')) {
    const consumers = changes.get(String(line.eventId))?.consumers;
    if (consumers) (consumers[service] ??= []).push(consumerStep(line));
  }
  return [...changes.values()].sort((a, b) => b.acceptedAt.localeCompare(a.acceptedAt)).slice(0, limit);
};

/** One accepted change (one event) and what became of it, from the functions' log lines. */
export type Change = ReturnType<typeof recentChanges>[number];
