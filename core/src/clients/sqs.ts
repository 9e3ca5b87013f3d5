import { SQSClient } from '@aws-sdk/client-sqs';
import { traced } from '../observability/tracer';
import { MAX_ATTEMPTS, once } from './config';

// Queue URLs from an emulator name hosts such as sqs.eu-west-1.localhost; send to the configured endpoint.
export const sqsClient = once(() =>
  traced(new SQSClient({ maxAttempts: MAX_ATTEMPTS, useQueueUrlAsEndpoint: false })),
);
