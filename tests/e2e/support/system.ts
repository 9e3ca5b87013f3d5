import { createAwsClients, type AwsClients } from '@bbws/local-aws';
import { startSystem, type BatchLog, type RunningSystem, type SystemOptions } from '@bbws/dev-server';

// Packaging (only when the packaged output is stale) can take a minute on 2 cores; starting takes seconds.
const START_TIMEOUT_MS = 120_000;

export interface SystemUnderTest {
  system: RunningSystem;
  /** Every batch the consumers have processed so far, in order. */
  batches: BatchLog[];
}

/**
 * Starts the whole system on free ports in the file's beforeAll and stops it in afterAll, against
 * LOCAL_AWS_ENDPOINT when it is set. The product change queue's visibility timeout is 2 s instead of the
 * template's 180 s, so a failed change event is received again within seconds (redrive to the DLQ after
 * maxReceiveCount still happens in the queue, through its redrive policy).
 */
export const useSystem = (
  /** Options for startSystem; queueVisibilityTimeouts add to the change queue's 2 s. */
  options: Partial<SystemOptions> = {},
): (() => SystemUnderTest) => {
  let running: SystemUnderTest | undefined;
  beforeAll(async () => {
    const batches: BatchLog[] = [];
    const system = await startSystem({
      port: 0,
      apiKeyFile: null,
      awsEndpoint: process.env.LOCAL_AWS_ENDPOINT || undefined,
      ...options,
      queueVisibilityTimeouts: { ProductChangeQueue: 2, ...options.queueVisibilityTimeouts },
      onBatch: (batch) => batches.push(batch),
      // E2E_FUNCTION_LOGS=1 shows what the functions log, for a failing run.
      onFunctionOutput: process.env.E2E_FUNCTION_LOGS
        ? (service, line) => process.stdout.write(`[${service}] ${line}\n`)
        : undefined,
    });
    running = { system, batches };
  }, START_TIMEOUT_MS);
  afterAll(async () => running?.system.stop());
  return () => {
    if (!running) throw new Error('The system starts in beforeAll: use it inside a test or a later hook');
    return running;
  };
};

/** AWS clients on the running system's backend, and its resources by logical id, for what sits behind the API. */
export const useSystemAws = (sut: () => SystemUnderTest) => {
  let clients: AwsClients | undefined;
  beforeAll(() => {
    clients = createAwsClients(sut().system.aws.env);
  });
  afterAll(() => clients?.destroy());
  return {
    aws: (): AwsClients => {
      if (!clients)
        throw new Error('The clients are made in beforeAll: use them inside a test or a later hook');
      return clients;
    },
    resource: (logicalId: string) => {
      const found = sut().system.aws.resources[logicalId];
      if (!found) throw new Error(`No ${logicalId} in the running system`);
      return found;
    },
  };
};
