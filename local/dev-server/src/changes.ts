import { requestsById, type AccessLogEntry } from './access-log';
import { functionLogLines, text } from './timeline';

/** What one consumer did with a change on one receive, from its log line. */
export interface ConsumerStep {
  at: string;
  outcome: string;
  receiveCount: number;
  /** The audit object audit-logger wrote. */
  key?: string;
}

/** One accepted change (one event) and what became of it, from the functions' log lines. */
export interface Change {
  eventId: string;
  eventType: string;
  productId: string;
  apiRequestId?: string;
  /** The API request that made the change, from the stage's access log. */
  request?: AccessLogEntry;
  acceptedAt: string;
  acceptedBy: string;
  consumers: Record<string, ConsumerStep[]>;
}

/** The `limit` most recent changes, newest first, with each consumer's steps in time order. */
export const recentChanges = (logGroups: Record<string, string[]>, limit = 20): Change[] => {
  const requests = requestsById(logGroups);
  const changes = new Map<string, Change>();
  const lines = functionLogLines(logGroups).sort((a, b) =>
    String(a.line.timestamp).localeCompare(String(b.line.timestamp)),
  );
  for (const { service, line } of lines.filter(({ line }) => line.message === 'change published')) {
    const apiRequestId = text(line.requestId);
    changes.set(String(line.eventId), {
      eventId: String(line.eventId),
      eventType: String(line.eventType),
      productId: String(line.productId),
      apiRequestId,
      request: apiRequestId === undefined ? undefined : requests.get(apiRequestId),
      acceptedAt: String(line.timestamp),
      acceptedBy: service,
      consumers: {},
    });
  }
  for (const { service, line } of lines.filter(({ line }) => line.message === 'change event processed')) {
    const consumers = changes.get(String(line.eventId))?.consumers;
    if (!consumers) continue;
    (consumers[service] ??= []).push({
      at: String(line.timestamp),
      outcome: String(line.outcome),
      receiveCount: Number(line.receiveCount),
      ...(typeof line.key === 'string' ? { key: line.key } : {}),
    });
  }
  return [...changes.values()].sort((a, b) => b.acceptedAt.localeCompare(a.acceptedAt)).slice(0, limit);
};
