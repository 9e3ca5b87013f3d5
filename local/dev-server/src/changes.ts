import { requestsById, type AccessLogEntry } from './access-log';
import { parseLogLine, type LogLine } from './timeline';

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

/** A change as its producer's "change published" line tells it, with its request from the access log. */
const acceptedChange = (service: string, line: LogLine, requests: Map<string, AccessLogEntry>): Change => {
  const apiRequestId = typeof line.requestId === 'string' ? line.requestId : undefined;
  return {
    eventId: String(line.eventId),
    eventType: String(line.eventType),
    productId: String(line.productId),
    apiRequestId,
    request: apiRequestId === undefined ? undefined : requests.get(apiRequestId),
    acceptedAt: String(line.timestamp),
    acceptedBy: service,
    consumers: {},
  };
};

/** The `limit` most recent changes, newest first, with each consumer's steps in time order. */
export const recentChanges = (logGroups: Record<string, string[]>, limit = 20): Change[] => {
  const changes = new Map<string, Change>();
  const requests = requestsById(logGroups);
  const parsed = Object.entries(logGroups).map(
    ([service, lines]) => [service, lines.flatMap(parseLogLine)] as const,
  );
  for (const [service, lines] of parsed)
    for (const line of lines.filter(({ message }) => message === 'change published'))
      changes.set(String(line.eventId), acceptedChange(service, line, requests));
  for (const [service, lines] of parsed)
    for (const line of lines.filter(({ message }) => message === 'change event processed')) {
      const change = changes.get(String(line.eventId));
      if (!change) continue;
      const steps = (change.consumers[service] ??= []);
      steps.push({
        at: String(line.timestamp),
        outcome: String(line.outcome),
        receiveCount: Number(line.receiveCount),
        ...(typeof line.key === 'string' ? { key: line.key } : {}),
      });
      steps.sort((a, b) => a.at.localeCompare(b.at));
    }
  return [...changes.values()].sort((a, b) => b.acceptedAt.localeCompare(a.acceptedAt)).slice(0, limit);
};
