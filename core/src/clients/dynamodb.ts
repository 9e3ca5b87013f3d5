import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traced } from '../observability/tracer';
import { MAX_ATTEMPTS, once } from './config';

export const documentClient = once(() =>
  DynamoDBDocumentClient.from(traced(new DynamoDBClient({ maxAttempts: MAX_ATTEMPTS })), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }),
);
