import { randomUUID } from 'node:crypto';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { json } from './http';

const topicArn = process.env.PRODUCT_EVENTS_TOPIC_ARN;
const sns = new SNSClient({ maxAttempts: 3 });

/** The bare CREATE: one Publish of the parsed body under `productId`, answered with 202. */
export const publishCreate = async (productId: string, body: string) => {
  const changeEvent = {
    eventId: randomUUID(),
    eventType: 'CREATE',
    productId,
    occurredAt: new Date().toISOString(),
    product: JSON.parse(body),
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
