import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { createAwsClients } from '@bbws/local-aws';
import { startSystem, type RunningSystem, type SystemOptions } from '@bbws/dev-server';

/**
 * Starts and restarts the system on the embedded emulators (what --persist saves and restores) with one
 * persist directory, removed after the file; whatever system is still running is stopped then.
 */
export const usePersistedSystems = (options: Omit<SystemOptions, 'persistDir'> = {}) => {
  const started: RunningSystem[] = [];
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bbws-e2e-persist-'));
  });
  afterAll(async () => {
    // stop() is idempotent: a system the test stopped already is left as it is.
    await Promise.all(started.map((system) => system.stop()));
    rmSync(dir, { recursive: true, force: true });
  });
  const start = async (): Promise<RunningSystem> => {
    const system = await startSystem({ port: 0, apiKeyFile: null, ...options, persistDir: dir });
    started.push(system);
    return system;
  };
  return { start };
};

/** A logical id's physical name and URL in a running system. */
export const resourceOf = (system: RunningSystem, logicalId: string) => {
  const found = system.aws.resources[logicalId];
  if (!found) throw new Error(`No ${logicalId} in the running system`);
  return { name: found.name, url: found.url ?? '', arn: found.arn ?? '' };
};

/** Messages in a queue, visible or not, without receiving any. */
export const messagesIn = async (system: RunningSystem, logicalId: string): Promise<number> => {
  const aws = createAwsClients(system.aws.env);
  try {
    const { Attributes = {} } = await aws.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: resourceOf(system, logicalId).url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(Attributes.ApproximateNumberOfMessages) +
      Number(Attributes.ApproximateNumberOfMessagesNotVisible)
    );
  } finally {
    aws.destroy();
  }
};

/** Every key of the audit bucket. */
export const auditKeys = async (system: RunningSystem): Promise<string[]> => {
  const aws = createAwsClients(system.aws.env);
  const keys: string[] = [];
  try {
    let continuationToken: string | undefined;
    do {
      const page = await aws.s3.send(
        new ListObjectsV2Command({
          Bucket: resourceOf(system, 'AuditBucket').name,
          ContinuationToken: continuationToken,
        }),
      );
      keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
      continuationToken = page.NextContinuationToken;
    } while (continuationToken);
    return keys;
  } finally {
    aws.destroy();
  }
};
