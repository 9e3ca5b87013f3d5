import { createAwsClients, startEmulators, type AwsClients, type Emulators } from '@bbws/local-aws';
import { startSystem, type BatchLog, type RunningSystem } from '@bbws/dev-server';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

// Packaging (only when the packaged output is stale) can take a minute on 2 cores; starting takes seconds.
export const START_TIMEOUT_MS = 180_000;

/** One `change event processed` line of a consumer: what became of one delivery of one record. */
export interface RecordOutcomeLine {
  service: string;
  eventId?: string;
  productId?: string;
  outcome: string;
  receiveCount?: number;
}

export interface ReliabilitySystem {
  system: RunningSystem;
  /** Clients that talk to the emulators directly, never through the fault proxy. */
  aws: AwsClients;
  /** Present when started with `faults: true`: everything the functions and pollers send goes through it. */
  proxy?: FaultProxy;
  /** Every batch the consumers have processed so far, in order. */
  batches: BatchLog[];
  /** Every record outcome the consumers have logged so far, in order. */
  outcomes: RecordOutcomeLine[];
  resource(logicalId: string): { name: string; arn?: string; url?: string };
}

export interface ReliabilityOptions {
  /** Put a fault-injecting proxy between the system and the embedded emulators. */
  faults?: boolean;
  /** Execution environments per HTTP function (the system's default is 2). */
  httpConcurrency?: number;
  /**
   * VisibilityTimeout of the consumer queues in seconds (the template's 180 s would make retries take
   * minutes): a failed record is received again this soon. The audit queue's must exceed audit-logger's
   * 5 s batching window, or messages come back while their batch is still being gathered.
   */
  visibilityTimeoutSeconds?: { change: number; audit: number };
}

const outcomeOf = (service: string, line: string): RecordOutcomeLine | undefined => {
  if (!line.startsWith('{') || !line.includes('"change event processed"')) return undefined;
  const fields = JSON.parse(line) as Omit<RecordOutcomeLine, 'service'>;
  return { service, ...fields };
};

const startBehindProxy = async (): Promise<{ emulators: Emulators; proxy: FaultProxy }> => {
  const emulators = await startEmulators();
  const proxy = await startFaultProxy(emulators.endpoints).catch(async (error: unknown) => {
    await emulators.stop();
    throw error;
  });
  return { emulators, proxy };
};

const start = async (options: ReliabilityOptions): Promise<ReliabilitySystem & { stop(): Promise<void> }> => {
  const batches: BatchLog[] = [];
  const outcomes: RecordOutcomeLine[] = [];
  const behindProxy = options.faults ? await startBehindProxy() : undefined;
  const visibility = options.visibilityTimeoutSeconds ?? { change: 3, audit: 8 };
  const stopBackend = async () => {
    await behindProxy?.proxy.close();
    await behindProxy?.emulators.stop();
  };
  const system = await startSystem({
    port: 0,
    apiKeyFile: null,
    awsEndpoint: behindProxy?.proxy.url,
    httpConcurrency: options.httpConcurrency,
    queueVisibilityTimeouts: { ProductChangeQueue: visibility.change, ProductAuditQueue: visibility.audit },
    // These suites send far more than the stage's usage plan allows one key; its 429s have their own
    // test (tests/e2e/gateway-limits.test.ts).
    usagePlan: { rateLimit: Infinity, burstLimit: Infinity, quotaLimit: Infinity },
    onBatch: (batch) => batches.push(batch),
    onFunctionOutput: (service, line) => {
      const outcome = outcomeOf(service, line);
      if (outcome) outcomes.push(outcome);
      if (process.env.RELIABILITY_FUNCTION_LOGS) process.stdout.write(`[${service}] ${line}\n`);
    },
  }).catch(async (error: unknown) => {
    await stopBackend();
    throw error;
  });
  const aws = createAwsClients(behindProxy?.emulators.env ?? system.aws.env);
  return {
    system,
    aws,
    proxy: behindProxy?.proxy,
    batches,
    outcomes,
    resource: (logicalId) => {
      const found = system.aws.resources[logicalId];
      if (!found) throw new Error(`No ${logicalId} in the running system`);
      return found;
    },
    stop: async () => {
      aws.destroy();
      await system.stop();
      await stopBackend();
    },
  };
};

/**
 * Starts the whole system (HTTP functions and consumers on the embedded emulators, free ports) in the
 * file's beforeAll and stops it in afterAll. The consumer queues get short visibility timeouts, so a
 * failed record comes back within seconds; redrive to the DLQ after maxReceiveCount is the queue's own.
 */
export const useReliabilitySystem = (options: ReliabilityOptions = {}): (() => ReliabilitySystem) => {
  let running: (ReliabilitySystem & { stop(): Promise<void> }) | undefined;
  beforeAll(async () => {
    running = await start(options);
  }, START_TIMEOUT_MS);
  afterAll(async () => running?.stop());
  return () => {
    if (!running) throw new Error('The system starts in beforeAll: use it inside a test or a later hook');
    return running;
  };
};
