import { randomUUID } from 'node:crypto';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { useLocalStack } from '@bbws/testing';

const stack = useLocalStack();
let sns: SNSClient;
let sqs: SQSClient;

beforeAll(() => {
  // Plain clients: endpoints come from AWS_ENDPOINT_URL_SNS/SQS, and the queue URLs point at the same
  // 127.0.0.1 endpoint, so neither useQueueUrlAsEndpoint nor DNS tricks are needed.
  sns = new SNSClient({});
  sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
});

afterAll(() => {
  sns.destroy();
  sqs.destroy();
});

const queueUrl = (logicalId: string): string => stack().resource(logicalId).url ?? '';

// VisibilityTimeout 0 makes an undeleted message visible again at once, so no test waits on a clock.
const receiveOne = async (logicalId: string): Promise<Message | undefined> => {
  const { Messages } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl(logicalId),
      VisibilityTimeout: 0,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    }),
  );
  return Messages?.[0];
};

const receiveAndDelete = async (logicalId: string): Promise<Message | undefined> => {
  const message = await receiveOne(logicalId);
  await sqs.send(
    new DeleteMessageCommand({ QueueUrl: queueUrl(logicalId), ReceiptHandle: message?.ReceiptHandle }),
  );
  return message;
};

describe('product change fan-out provisioned from the template', () => {
  it('delivers a published change event raw to both consumer queues with its eventType attribute', async () => {
    const changeEvent = { eventType: 'CREATE', eventId: randomUUID(), product: { name: 'Moka Pot' } };

    await sns.send(
      new PublishCommand({
        TopicArn: stack().resource('ProductEventsTopic').arn,
        Message: JSON.stringify(changeEvent),
        MessageAttributes: { eventType: { DataType: 'String', StringValue: changeEvent.eventType } },
      }),
    );
    const deliveries = await Promise.all(['ProductChangeQueue', 'ProductAuditQueue'].map(receiveAndDelete));

    for (const delivery of deliveries) {
      expect(JSON.parse(delivery?.Body ?? 'null')).toEqual(changeEvent);
      expect(delivery?.MessageAttributes?.eventType).toEqual({ DataType: 'String', StringValue: 'CREATE' });
    }
  });

  it('moves a message received maxReceiveCount times without deletion to the dead-letter queue', async () => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl('ProductChangeQueue'),
        AttributeNames: ['RedrivePolicy'],
      }),
    );
    const { maxReceiveCount } = JSON.parse(Attributes?.RedrivePolicy ?? '{}') as { maxReceiveCount: number };
    const poison = JSON.stringify({ poison: randomUUID() });
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl('ProductChangeQueue'), MessageBody: poison }));

    const receiveCounts: Array<string | undefined> = [];
    for (let attempt = 1; attempt <= maxReceiveCount; attempt += 1) {
      const message = await receiveOne('ProductChangeQueue');
      receiveCounts.push(message?.Attributes?.ApproximateReceiveCount);
    }
    const pastTheLimit = await receiveOne('ProductChangeQueue');
    const deadLetter = await receiveAndDelete('ProductChangeDeadLetterQueue');

    expect(receiveCounts).toEqual(['1', '2', '3', '4', '5']);
    expect(pastTheLimit).toBeUndefined();
    expect(deadLetter?.Body).toBe(poison);
  });
});
