import { S3Client } from '@aws-sdk/client-s3';
import { traced } from '../observability/tracer';
import { MAX_ATTEMPTS, once } from './config';

// An S3 endpoint override (an emulator) rarely resolves virtual-hosted bucket names.
const hasS3EndpointOverride = (): boolean =>
  Boolean(process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL);

export const s3Client = once(() =>
  traced(new S3Client({ maxAttempts: MAX_ATTEMPTS, forcePathStyle: hasS3EndpointOverride() })),
);
