import {
  LOCAL_ACCOUNT_ID,
  LOCAL_REGION,
  emulatorEnv,
  startEmulators,
  type EmulatorEndpoints,
} from '../emulators';
import type { ProvisionResult } from '../provision';
import { provisionFromTemplate } from '../provision';
import type { CloudFormationTemplate } from '../template';

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

/**
 * The template with some queues' VisibilityTimeout replaced, as if deployed with those values: lets a
 * test see a failed message again in seconds instead of minutes, through the queue's own semantics.
 */
export const withVisibilityTimeouts = (
  template: CloudFormationTemplate,
  overrides: Record<string, number>,
): CloudFormationTemplate => {
  const resources = { ...template.Resources };
  for (const [logicalId, seconds] of Object.entries(overrides)) {
    const queue = resources[logicalId];
    if (queue?.Type !== 'AWS::SQS::Queue') throw new Error(`${logicalId} is not a queue of the template`);
    resources[logicalId] = { ...queue, Properties: { ...queue.Properties, VisibilityTimeout: seconds } };
  }
  return { ...template, Resources: resources };
};

export const provisionBackend = (
  backend: Backend,
  template: CloudFormationTemplate,
): Promise<ProvisionResult> =>
  provisionFromTemplate(template, { env: backend.env, accountId: backend.accountId, region: backend.region });
