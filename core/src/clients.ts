import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// Endpoints, region and credentials come from the SDK's own environment variables (AWS_ENDPOINT_URL,
// AWS_ENDPOINT_URL_<SERVICE>, AWS_REGION), so the same code runs against AWS and a local emulator.

const MAX_ATTEMPTS = 3;

// Marked pure at each use so a bundle keeps only the clients its function calls.
const once = <T>(create: () => T): (() => T) => {
  let client: T | undefined;
  return () => (client ??= create());
};

// An S3 endpoint override (an emulator) rarely resolves virtual-hosted bucket names.
const hasS3EndpointOverride = (): boolean =>
  Boolean(process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL);

export const documentClient = /* @__PURE__ */ once(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: MAX_ATTEMPTS }), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }),
);

export const snsClient = /* @__PURE__ */ once(() => new SNSClient({ maxAttempts: MAX_ATTEMPTS }));

// Queue URLs from an emulator name hosts such as sqs.eu-west-1.localhost; send to the configured endpoint.
export const sqsClient = /* @__PURE__ */ once(
  () => new SQSClient({ maxAttempts: MAX_ATTEMPTS, useQueueUrlAsEndpoint: false }),
);

export const s3Client = /* @__PURE__ */ once(
  () => new S3Client({ maxAttempts: MAX_ATTEMPTS, forcePathStyle: hasS3EndpointOverride() }),
);
