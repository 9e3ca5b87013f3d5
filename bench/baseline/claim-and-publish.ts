import { createHash, randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { idempotencyRecordKey, productKey } from '@bbws/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { documentClient } from './clients';
import { publishCreate } from './publish-create';

const tableName = process.env.PRODUCTS_TABLE_NAME;
const DAY_SECONDS = 24 * 60 * 60;

/**
 * Bare create-product with an Idempotency-Key: the key's record claimed with a conditional PutItem while
 * a consistent GetItem checks the product it names, then one Publish; the calls create-product makes.
 */
export const handler = async (event: APIGatewayProxyEvent) => {
  const body = event.body ?? '{}';
  const fingerprint = createHash('sha256').update(body).digest('base64url');
  const recordId = createHash('sha256')
    .update(event.headers['Idempotency-Key'] ?? '')
    .digest('hex');
  const productId = randomUUID();
  const nowSeconds = Math.floor(Date.now() / 1000);
  await Promise.all([
    documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...idempotencyRecordKey(recordId),
          productId,
          fingerprint,
          expiresAt: nowSeconds + DAY_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': nowSeconds },
      }),
    ),
    documentClient.send(
      new GetCommand({ TableName: tableName, Key: productKey(productId), ConsistentRead: true }),
    ),
  ]);
  return publishCreate(productId, body);
};
