import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// The baseline handlers: the same SDK calls as the functions, with none of the stack around them (no
// Middy, no validation, no logger, no error mapping). The SDK resolves to CommonJS, which esbuild cannot
// tree-shake: a bundle that imports this module carries the DynamoDB client, so only those that use it do.

export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 3 }));
