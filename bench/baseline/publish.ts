import { randomUUID } from 'node:crypto';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { json } from './http';

const topicArn = process.env.PRODUCT_EVENTS_TOPIC_ARN;
const sns = new SNSClient({ maxAttempts: 3 });

/** Bare create-product: one Publish of the parsed body. */
export const handler = async (event: APIGatewayProxyEvent) => {
  const productId = randomUUID();
  const changeEvent = {
    eventId: randomUUID(),
    eventType: 'CREATE',
    productId,
    occurredAt: new Date().toISOString(),
    product: JSON.parse(event.body ?? '{}'),
  };
  await sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      Message: JSON.stringify(changeEvent),
      MessageAttributes: { eventType: { DataType: 'String', StringValue: 'CREATE' } },
    }),
  );
  return json(202, { productId, status: 'PENDING' });
};
