import { randomUUID } from 'node:crypto';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { productKey } from '@bbws/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { documentClient } from './clients';
import { json } from './http';

const tableName = process.env.PRODUCTS_TABLE_NAME;
const topicArn = process.env.PRODUCT_EVENTS_TOPIC_ARN;
const sns = new SNSClient({ maxAttempts: 3 });

/** Bare update-product and delete-product: the consistent GetItem that checks the product, then one Publish. */
export const handler = async (event: APIGatewayProxyEvent) => {
  const productId = event.pathParameters?.productId ?? '';
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: productKey(productId), ConsistentRead: true }),
  );
  if (Item?.active !== true) return json(404, { message: 'Not found' });
  const eventType = event.httpMethod === 'DELETE' ? 'DELETE' : 'UPDATE';
  const changeEvent = {
    eventId: randomUUID(),
    eventType,
    productId,
    occurredAt: new Date().toISOString(),
    ...(event.body ? { product: JSON.parse(event.body) } : {}),
  };
  await sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      Message: JSON.stringify(changeEvent),
      MessageAttributes: { eventType: { DataType: 'String', StringValue: eventType } },
    }),
  );
  return eventType === 'DELETE' ? { statusCode: 204, body: '' } : json(202, { productId, status: 'PENDING' });
};
