// Prints the timeline of a change in the running local system (npm start): the accepted request, the
// event published, each consumer's outcome with its receive count, and the audit object written, read
// from the functions' own log lines (.local/logs/, the local stand-in for their log groups).
// Usage: npm run -s local:timeline -- <productId | request id>
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatTimeline, readLogGroups, timelineOf } from '@bbws/dev-server';

const main = () => {
  const [id] = process.argv.slice(2);
  const directory = join(__dirname, '..', '.local', 'logs');
  if (!id) throw new Error('Usage: npm run -s local:timeline -- <productId | request id>');
  if (!existsSync(directory)) throw new Error(`No ${directory}: start the system first (npm start)`);
  const lines = formatTimeline(timelineOf(readLogGroups(directory), id));
  if (lines.length === 0) {
    console.log(
      `Nothing about ${id} yet. A productId is in the 202's body; the request id is in the API's log line and in error bodies.`,
    );
    return;
  }
  for (const line of lines) console.log(line);
};

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
