import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// The baseline handlers: the same SDK calls as the functions, with none of the stack around them (no
// Middy, no validation, no logger, no error mapping). Each is bundled on its own, so a client built here
// at module scope exists only in the bundles that use it.

export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 3 }));

export const json = (statusCode: number, body: unknown) => ({
  statusCode,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});
