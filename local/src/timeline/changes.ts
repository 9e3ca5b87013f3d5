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
  acceptedAt: string;
  acceptedBy: string;
  consumers: Record<string, ConsumerStep[]>;
}

type LogLine = Record<string, unknown>;

const jsonLines = (lines: string[]): LogLine[] =>
  lines.flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });

/** The `limit` most recent changes, newest first, with each consumer's steps in time order. */
export const recentChanges = (logGroups: Record<string, string[]>, limit = 20): Change[] => {
  const changes = new Map<string, Change>();
  const parsed = Object.entries(logGroups).map(([service, lines]) => [service, jsonLines(lines)] as const);
  for (const [service, lines] of parsed)
    for (const line of lines.filter(({ message }) => message === 'change published'))
      changes.set(String(line.eventId), {
        eventId: String(line.eventId),
        eventType: String(line.eventType),
        productId: String(line.productId),
        apiRequestId: typeof line.requestId === 'string' ? line.requestId : undefined,
        acceptedAt: String(line.timestamp),
        acceptedBy: service,
        consumers: {},
      });
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
