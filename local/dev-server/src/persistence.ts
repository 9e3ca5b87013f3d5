import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { readBucket, restoreBucket, type SavedObject } from './bucket-snapshot';
import { inspectQueue, restoreQueue, type SavedMessage } from './queue-snapshot';

/** What fauxqs holds only in memory: every queue's messages and every bucket's objects. */
export interface EmulatorState {
  /** fauxqs's endpoint, for its queue inspection. */
  sqsEndpoint: string;
  sqs: SQSClient;
  s3: S3Client;
  queues: Array<{ name: string; url: string }>;
  buckets: string[];
}

interface SnapshotFile {
  savedAt: string;
  queues: Record<string, SavedMessage[]>;
  buckets: Record<string, SavedObject[]>;
}

/** The file in the --persist directory that holds the queues' messages and the buckets' objects. */
export const SNAPSHOT_FILE = 'queues-and-buckets.json';

const countsOf = (snapshot: Pick<SnapshotFile, 'queues' | 'buckets'>) => ({
  messages: Object.fromEntries(Object.entries(snapshot.queues).map(([name, list]) => [name, list.length])),
  objects: Object.fromEntries(Object.entries(snapshot.buckets).map(([name, list]) => [name, list.length])),
});

const byName = async <T>(names: string[], read: (name: string) => Promise<T>): Promise<Record<string, T>> =>
  Object.fromEntries(await Promise.all(names.map(async (name) => [name, await read(name)] as const)));

/** Messages by queue name and objects by bucket name. */
export type SnapshotCounts = ReturnType<typeof countsOf>;

/**
 * Writes every message (visible, delayed or received and not deleted, with its receive count) and every
 * object to `dir`, replacing the previous snapshot only once the new one is complete on disk.
 */
export const saveSnapshot = async (dir: string, state: EmulatorState): Promise<SnapshotCounts> => {
  const queues = await byName(
    state.queues.map(({ name }) => name),
    (name) => inspectQueue(state.sqsEndpoint, name),
  );
  const buckets = await byName(state.buckets, (bucket) => readBucket(state.s3, bucket));
  const snapshot: SnapshotFile = { savedAt: new Date().toISOString(), queues, buckets };
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, SNAPSHOT_FILE);
  writeFileSync(`${file}.partial`, JSON.stringify(snapshot));
  renameSync(`${file}.partial`, file);
  return countsOf(snapshot);
};

/**
 * Puts the last snapshot saved in `dir` back into freshly provisioned emulators; undefined when there is
 * none. A queue or bucket the template no longer has is reported through `log` and left in the file.
 */
export const restoreSnapshot = async (
  dir: string,
  state: EmulatorState,
  log: (line: string) => void,
): Promise<SnapshotCounts | undefined> => {
  const file = path.join(dir, SNAPSHOT_FILE);
  if (!existsSync(file)) return undefined;
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as SnapshotFile;
  const gone = (what: string) => log(`${file}: ${what}, which no longer exists, not restored`);
  const urls = new Map(state.queues.map(({ name, url }) => [name, url]));
  const present = <T>(saved: Record<string, T[]>, exists: (name: string) => boolean, what: string) =>
    Object.entries(saved).filter(([name, list]) => exists(name) || gone(`${list.length} ${what} ${name}`));
  const queues = present(snapshot.queues, (name) => urls.has(name), 'messages of queue');
  const buckets = present(snapshot.buckets, (bucket) => state.buckets.includes(bucket), 'objects of bucket');
  await Promise.all([
    ...queues.map(([name, messages]) => restoreQueue(state.sqs, urls.get(name) ?? '', messages)),
    ...buckets.map(([bucket, objects]) => restoreBucket(state.s3, bucket, objects)),
  ]);
  return countsOf({ queues: Object.fromEntries(queues), buckets: Object.fromEntries(buckets) });
};
