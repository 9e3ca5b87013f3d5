import path from 'node:path';
import type { BatchLog } from './sqs-poller';
import type { RequestLog } from './gateway';
import type { UsagePlanLimits } from './usage-plan';

export interface SystemOptions {
  /** The repository root (serverless-compose.yml); this checkout's by default. */
  root?: string;
  /** Interface of the HTTP endpoint and the embedded emulators: 127.0.0.1. */
  host?: string;
  /** Port of the HTTP endpoint: 3000 by default, 0 for a free one. */
  port?: number;
  /**
   * Keep everything across a stop and restart: the tables (dynalite's store), the queues' messages and the
   * buckets' objects (saved by `stop()`, restored before serving), the API key and the secrets.
   */
  persistDir?: string;
  /** An external AWS backend (moto_server...) instead of the embedded emulators; LOCAL_AWS_ENDPOINT. */
  awsEndpoint?: string;
  /** The API key; read from (or generated into) `apiKeyFile` otherwise. */
  apiKey?: string;
  /** `API_KEY_<STAGE>=...` file; infrastructure/outputs/api-keys-local.txt by default, null for none. */
  apiKeyFile?: string | null;
  /** Where to write the stack description (URL, key, endpoints) while running; nowhere by default. */
  stackFile?: string;
  /** Package services whose output is missing or stale (default), always, or never. */
  packaging?: 'if-stale' | 'always' | 'never';
  /** Execution environments per HTTP function (requests beyond wait for one); 2 by default. */
  httpConcurrency?: number;
  /** VisibilityTimeout overrides by queue logical id, for tests that wait for redelivery. */
  queueVisibilityTimeouts?: Record<string, number>;
  /** Usage plan limits instead of the template's, for tests of throttling and quotas. */
  usagePlan?: Partial<UsagePlanLimits>;
  /** Progress and banner lines. */
  log?: (line: string) => void;
  onRequest?: (request: RequestLog) => void;
  onBatch?: (batch: BatchLog) => void;
  /** Each line a function writes, with the function's service name; dropped by default. */
  onFunctionOutput?: (service: string, line: string) => void;
}

/** The options with their defaults; `apiKeyFile: null` stays none. */
export const resolveOptions = ({
  root = path.resolve(__dirname, '../../..'),
  apiKeyFile = path.join(root, 'infrastructure/outputs/api-keys-local.txt'),
  ...options
}: SystemOptions) => ({
  ...options,
  root,
  apiKeyFile: apiKeyFile ?? undefined,
  host: options.host ?? '127.0.0.1',
  port: options.port ?? 3000,
  packaging: options.packaging ?? 'if-stale',
  httpConcurrency: options.httpConcurrency ?? 2,
  log: options.log ?? (() => undefined),
});

export type ResolvedOptions = ReturnType<typeof resolveOptions>;
