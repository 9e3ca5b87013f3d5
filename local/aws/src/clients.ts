import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * SDK clients built from an emulator environment (see `startEmulators().env`) rather than from
 * process.env, so a test or the provisioner can talk to one stack without changing the process.
 */
export const createAwsClients = (env: Record<string, string | undefined>) => {
  const config = (service: string) => {
    const endpoint = env[`AWS_ENDPOINT_URL_${service}`] ?? env.AWS_ENDPOINT_URL;
    if (!endpoint)
      throw new Error(`No AWS_ENDPOINT_URL_${service} (or AWS_ENDPOINT_URL) in the environment given`);
    return {
      endpoint,
      region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local',
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local',
      },
    };
  };
  const clients = {
    dynamodb: new DynamoDBClient(config('DYNAMODB')),
    sqs: new SQSClient(config('SQS')),
    sns: new SNSClient(config('SNS')),
    // Path style needs no DNS for bucket hosts (the SDK chooses it for IP endpoints anyway).
    s3: new S3Client({ ...config('S3'), forcePathStyle: true }),
  };
  return { ...clients, destroy: () => Object.values(clients).forEach((client) => client.destroy()) };
};

export type AwsClients = ReturnType<typeof createAwsClients>;
