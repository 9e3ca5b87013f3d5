import { DeleteMessageCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { productItem, validateChangeEvent, type ChangeEvent, type Product } from '@bbws/core';
import { createAwsClients, type AwsClients } from '@bbws/local-aws';
import { applyEnv, useLocalStack } from '@bbws/testing';

const CONSUMER_QUEUES = ['ProductChangeQueue', 'ProductAuditQueue'] as const;

type ConsumerQueue = (typeof CONSUMER_QUEUES)[number];

export interface Delivery {
  changeEvent: ChangeEvent;
  eventType: string | undefined;
}

const deliveryOf = ({ Body, MessageAttributes }: Message): Delivery => ({
  changeEvent: validateChangeEvent(JSON.parse(Body ?? 'null')),
  eventType: MessageAttributes?.eventType?.StringValue,
});

/**
 * The embedded emulators provisioned from the infrastructure template, with the handlers' configuration
 * pointing at them. Import the handler module inside a test or a later hook: it reads that configuration.
 * Each test starts with empty consumer queues.
 */
export const useLocalProductApi = () => {
  const stack = useLocalStack();
  let clients: AwsClients | undefined;
  let documents: DynamoDBDocumentClient | undefined;
  let restoreEnv = (): void => undefined;

  beforeAll(() => {
    restoreEnv = applyEnv({
      PRODUCTS_TABLE_NAME: stack().resource('ProductsTable').name,
      PRODUCT_EVENTS_TOPIC_ARN: stack().resource('ProductEventsTopic').arn ?? '',
    });
    clients = createAwsClients(stack().env);
    documents = DynamoDBDocumentClient.from(clients.dynamodb);
  });

  afterAll(() => {
    clients?.destroy();
    restoreEnv();
  });

  const connected = () => {
    if (!clients || !documents) throw new Error('The local product API starts in beforeAll');
    return { sqs: clients.sqs, documents };
  };

  /** Receives and deletes every message waiting on the queue. */
  const takeDeliveries = async (queue: ConsumerQueue): Promise<Delivery[]> => {
    const { sqs } = connected();
    const QueueUrl = stack().resource(queue).url;
    const deliveries: Delivery[] = [];
    for (;;) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }),
      );
      if (Messages.length === 0) return deliveries;
      for (const message of Messages) {
        await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
        deliveries.push(deliveryOf(message));
      }
    }
  };

  const takeAllDeliveries = async (): Promise<Record<ConsumerQueue, Delivery[]>> => {
    const [changes = [], audit = []] = await Promise.all(CONSUMER_QUEUES.map(takeDeliveries));
    return { ProductChangeQueue: changes, ProductAuditQueue: audit };
  };

  afterEach(takeAllDeliveries);

  return {
    /** What each consumer queue holds now, taken off the queues. */
    takeAllDeliveries,
    /** Writes the product to the real products table as the consumer would have stored it. */
    seed: async (product: Product): Promise<Product> => {
      const TableName = stack().resource('ProductsTable').name;
      await connected().documents.send(new PutCommand({ TableName, Item: productItem(product) }));
      return product;
    },
  };
};
