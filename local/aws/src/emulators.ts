import { once } from 'node:events';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** The account id fauxqs puts in every ARN (fixed in fauxqs); dynalite is given the same. */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_REGION = 'eu-west-1';

export interface EmulatorOptions {
  /** Interface both emulators bind; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** 0 (default) lets the OS choose a free port. */
  dynamodbPort?: number;
  /** Port of fauxqs, which serves SQS, SNS and S3; 0 (default) lets the OS choose. */
  awsPort?: number;
  /** Directory for dynalite's LevelDB store; in memory when absent. fauxqs has no persistence. */
  persistDir?: string;
}

export type EmulatorEndpoints = Record<'dynamodb' | 'sqs' | 'sns' | 's3', string>;

type WorkerMessage =
  { type: 'ready'; dynamodbPort: number; awsPort: number } | { type: 'failed'; message: string };

/** The SDK configuration that sends every client to the emulators, with dummy credentials. */
export const emulatorEnv = (endpoints: EmulatorEndpoints, region: string): Record<string, string> => ({
  // The catch-all keeps any other service (STS, Secrets Manager...) off real AWS.
  AWS_ENDPOINT_URL: endpoints.sqs,
  AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
  AWS_ENDPOINT_URL_SQS: endpoints.sqs,
  AWS_ENDPOINT_URL_SNS: endpoints.sns,
  AWS_ENDPOINT_URL_S3: endpoints.s3,
  AWS_REGION: region,
  AWS_DEFAULT_REGION: region,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
});

const whenReady = async (worker: Worker): Promise<{ dynamodbPort: number; awsPort: number }> => {
  const exited = once(worker, 'exit').then(([code]) => {
    throw new Error(`The emulator thread exited (code ${String(code)}) before it was ready`);
  });
  const [message] = (await Promise.race([once(worker, 'message'), exited])) as [WorkerMessage];
  if (message.type === 'failed') throw new Error(`The emulators did not start: ${message.message}`);
  return message;
};

const stopWorker = async (worker: Worker): Promise<void> => {
  const failure = new Promise<string>((resolve) =>
    worker.on('message', (message: WorkerMessage) =>
      resolve(message.type === 'failed' ? message.message : ''),
    ),
  );
  const exited = once(worker, 'exit');
  worker.postMessage({ type: 'stop' });
  const [code] = (await exited) as [number];
  if (code !== 0) throw new Error(`The emulators did not stop cleanly: ${await failure}`);
};

/**
 * Starts dynalite (DynamoDB) and fauxqs (SQS, SNS, S3) on a thread of this process, bound to 127.0.0.1.
 * Tables are ACTIVE as soon as they are created.
 */
export const startEmulators = async (options: EmulatorOptions = {}) => {
  const { host = '127.0.0.1', dynamodbPort = 0, awsPort = 0, persistDir } = options;
  const worker = new Worker(path.join(__dirname, 'emulator-worker.mjs'), {
    workerData: { host, dynamodbPort, awsPort, persistDir },
    // dynalite builds table ARNs from these; fauxqs takes the region too.
    env: { ...process.env, AWS_REGION: LOCAL_REGION, AWS_ACCOUNT_ID: LOCAL_ACCOUNT_ID },
  });
  const ports = await whenReady(worker);
  // An emulator crash after start must not take the caller's process down with an unhandled 'error'.
  worker.on('error', (error) => console.error('The AWS emulators failed:', error));
  const aws = `http://${host}:${ports.awsPort}`;
  const endpoints = { dynamodb: `http://${host}:${ports.dynamodbPort}`, sqs: aws, sns: aws, s3: aws };
  let stopping: Promise<void> | undefined;
  return {
    endpoints,
    env: emulatorEnv(endpoints, LOCAL_REGION),
    accountId: LOCAL_ACCOUNT_ID,
    region: LOCAL_REGION,
    stop: (): Promise<void> => (stopping ??= stopWorker(worker)),
  };
};

export type Emulators = Awaited<ReturnType<typeof startEmulators>>;
