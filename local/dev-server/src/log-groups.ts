import { createWriteStream, mkdirSync, readdirSync, readFileSync, type WriteStream } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * The local stand-in for CloudWatch Logs: every line a function writes (its JSON log lines and EMF metric
 * lines) appended to `<directory>/<service>.log`, as its log group would hold them. Emptied at each start.
 */
export const logGroupWriter = (directory: string) => {
  mkdirSync(directory, { recursive: true });
  const streams = new Map<string, WriteStream>();
  const write = (service: string, line: string): void => {
    if (!streams.has(service)) streams.set(service, createWriteStream(join(directory, `${service}.log`)));
    streams.get(service)?.write(`${line}\n`);
  };
  const close = () =>
    Promise.all([...streams.values()].map((stream) => new Promise((resolve) => stream.end(resolve))));
  return { write, close };
};

/** The lines of each local log group in `directory`, by service. */
export const readLogGroups = (directory: string): Record<string, string[]> =>
  Object.fromEntries(
    readdirSync(directory)
      .filter((file) => file.endsWith('.log'))
      .map((file) => [
        basename(file, '.log'),
        readFileSync(join(directory, file), 'utf8').split('\n').filter(Boolean),
      ]),
  );
