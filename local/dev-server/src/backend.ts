import {
  LOCAL_ACCOUNT_ID,
  LOCAL_REGION,
  emulatorEnv,
  startEmulators,
  type EmulatorEndpoints,
} from '@bbws/local-aws';

export interface Backend {
  /** `embedded` (dynalite + fauxqs on a thread) or the URL of an external one (moto_server...). */
  kind: string;
  endpoints: EmulatorEndpoints;
  /** AWS SDK configuration for the backend: AWS_ENDPOINT_URL_*, AWS_REGION, dummy credentials. */
  env: Record<string, string>;
  accountId: string;
  region: string;
  stop(): Promise<void>;
}

export interface BackendOptions {
  host: string;
  /** An external backend serving every service on one endpoint; the embedded emulators otherwise. */
  awsEndpoint?: string;
  /** dynalite's store; an external backend keeps its own state. */
  dynamodbDir?: string;
}

const externalBackend = (endpoint: string): Backend => {
  const url = endpoint.replace(/\/$/, '');
  const endpoints = { dynamodb: url, sqs: url, sns: url, s3: url };
  return {
    kind: url,
    endpoints,
    env: emulatorEnv(endpoints, LOCAL_REGION),
    accountId: LOCAL_ACCOUNT_ID,
    region: LOCAL_REGION,
    stop: async () => undefined,
  };
};

export const startBackend = async (options: BackendOptions): Promise<Backend> => {
  if (options.awsEndpoint) return externalBackend(options.awsEndpoint);
  const emulators = await startEmulators({ host: options.host, persistDir: options.dynamodbDir });
  return { kind: 'embedded', ...emulators };
};
