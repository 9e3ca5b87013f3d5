import { LOCAL_ACCOUNT_ID, LOCAL_REGION, emulatorEnv, startEmulators, type Emulators } from '@bbws/local-aws';

export interface Backend extends Emulators {
  /** `embedded` (dynalite + fauxqs on a thread) or the URL of an external one (moto_server...). */
  kind: string;
}

/**
 * The embedded emulators (dynalite's store in `dynamodbDir` when given), or an external backend serving
 * every service on `awsEndpoint`, which keeps its own state.
 */
export const startBackend = async (
  host: string,
  awsEndpoint?: string,
  dynamodbDir?: string,
): Promise<Backend> => {
  if (!awsEndpoint) return { kind: 'embedded', ...(await startEmulators({ host, persistDir: dynamodbDir })) };
  const url = awsEndpoint.replace(/\/$/, '');
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
