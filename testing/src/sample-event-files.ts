import { sampleApiEventFiles } from './sample-api-events';
import { sampleChangeEvents, sampleSqsEventFiles } from './sample-change-events';

// Every `events/*.json` file of the repository (the samples `serverless invoke local --path` runs and the
// tests read), by path from the repository root, as `npm run events` writes them.

/** JSON as Prettier prints it here: two-space indents, a one-value array on one line. */
export const asJsonFile = (value: unknown): string =>
  `${JSON.stringify(value, null, 2).replace(/\[\n\s+("(?:[^"\\]|\\.)*"|[\d.eE+-]+|true|false|null)\n\s+\]/g, '[$1]')}\n`;

const CONSUMER_QUEUES = {
  'product-creator': 'bbws-product-change-local',
  'audit-logger': 'bbws-product-audit-local',
};

export const sampleEventFiles = (): Record<string, string> => {
  const changeEvents = sampleChangeEvents();
  const byService: Record<string, Record<string, unknown>> = {
    core: {
      'change-event-create.json': changeEvents.create,
      'change-event-delete.json': changeEvents.delete,
    },
    ...sampleApiEventFiles(),
    ...Object.fromEntries(
      Object.entries(CONSUMER_QUEUES).map(([service, queue]) => [service, sampleSqsEventFiles(queue)]),
    ),
  };
  return Object.fromEntries(
    Object.entries(byService).flatMap(([service, files]) =>
      Object.entries(files).map(([file, event]) => [`${service}/events/${file}`, asJsonFile(event)]),
    ),
  );
};
