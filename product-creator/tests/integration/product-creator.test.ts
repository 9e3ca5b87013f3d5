import '../support/quiet-logs';
import { PublishCommand } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { nameIndexKeyCondition, productKey, type ChangeEvent } from '@bbws/core';
import { createAwsClients, type AwsClients } from '@bbws/local-aws';
import { applyEnv, consumeInProcess, useLocalStack, type BatchLog } from '@bbws/testing';
import { created, deleted, newProductId, productInput, updated } from '../support/changes';

// A failed record comes back after the queue's visibility timeout, as in Lambda: 1 s here instead of 180.
const stack = useLocalStack({ queueVisibilityTimeouts: { ProductChangeQueue: 1 } });
let aws: AwsClients;
let table: DynamoDBDocumentClient;
let changeQueue: ReturnType<typeof consumeInProcess>;
// A record that keeps failing is received five times (maxReceiveCount), a visibility timeout apart.
const REDELIVERY_MS = 30_000;
let restoreEnv: () => void;

beforeAll(async () => {
  const productsTable = stack().resource('ProductsTable');
  restoreEnv = applyEnv({ PRODUCTS_TABLE_NAME: productsTable.name ?? '' });
  // The handler builds its SDK client and reads its config at module scope: import it once the stack runs.
  const { handler } = await import('../../src/handler');
  aws = createAwsClients(stack().env);
  table = DynamoDBDocumentClient.from(aws.dynamodb);
  const queue = stack().resource('ProductChangeQueue');
  changeQueue = consumeInProcess({ sqs: aws.sqs, queue, region: stack().region, handler });
});

afterAll(async () => {
  await changeQueue.stop();
  aws.destroy();
  restoreEnv();
});

// Any event a producer may publish, of this version or a later minor one (with fields this one does not know).
const publish = async (...changeEvents: Array<Record<string, unknown> & { eventType: string }>) => {
  for (const changeEvent of changeEvents) {
    await aws.sns.send(
      new PublishCommand({
        TopicArn: stack().resource('ProductEventsTopic').arn,
        Message: JSON.stringify(changeEvent),
        MessageAttributes: { eventType: { DataType: 'String', StringValue: changeEvent.eventType } },
      }),
    );
  }
};

const counts = ({ messageIds, failedMessageIds }: BatchLog) => ({
  received: messageIds.length,
  failed: failedMessageIds.length,
});

const storedItem = async (productId: string) =>
  (
    await table.send(
      new GetCommand({
        TableName: stack().resource('ProductsTable').name,
        Key: productKey(productId),
        ConsistentRead: true,
      }),
    )
  ).Item;

const deadLetters = async (): Promise<string[]> => {
  const { Messages = [] } = await aws.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: stack().resource('ProductChangeDeadLetterQueue').url,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 0,
    }),
  );
  return Messages.map((message) => message.Body ?? '');
};

describe('product-creator against the local stack', () => {
  it('creates, updates and soft-deletes a product published to the topic', async () => {
    const productId = newProductId();
    await publish(created(productId, productInput('Moka Pot', 30)));
    await changeQueue.drained();
    const byName = await table.send(
      new QueryCommand({
        TableName: stack().resource('ProductsTable').name,
        ...nameIndexKeyCondition('moka pot'),
      }),
    );
    expect(byName.Items?.map((item) => item.productId)).toContain(productId);

    await publish(updated(productId, productInput('Moka Pot XL', 35), 1, 1), deleted(productId, 2, 2));
    await changeQueue.drained();

    expect(await storedItem(productId)).toMatchObject({
      name: 'Moka Pot XL',
      price: 35,
      active: false,
      version: 3,
      createdAt: '2025-01-15T10:00:00.000Z',
      deletedAt: '2025-01-15T10:02:00.000Z',
    });
    expect(await storedItem(productId)).not.toHaveProperty('GSI2_PK');
  });

  it('applies events of a later minor version with the fields it knows and stores none it does not', async () => {
    const productId = newProductId();
    const create = created(productId, productInput('Cafetiere', 25));
    const update = updated(productId, productInput('Cafetiere', 22), 1, 1);
    await publish(
      {
        ...create,
        schemaMinorVersion: 2,
        traceId: 'trace-1',
        product: { ...productInput('Cafetiere', 25), stock: 3 },
      },
      { ...update, schemaMinorVersion: 5, product: { ...productInput('Cafetiere', 22), stock: 2 } },
    );

    await changeQueue.drained();
    const item = await storedItem(productId);
    expect(item).toMatchObject({ name: 'Cafetiere', price: 22, version: 2, lastEventId: update.eventId });
    expect(item).not.toHaveProperty('stock');
    expect(item).not.toHaveProperty('traceId');
  });

  it(
    'applies an UPDATE that arrives before its CREATE once the CREATE has landed',
    async () => {
      const productId = newProductId();
      const firstDelivery = changeQueue.nextBatch();
      await publish(updated(productId, productInput('Second', 2), 1));

      expect(counts(await firstDelivery)).toEqual({ received: 1, failed: 1 });
      await publish(created(productId, productInput('First', 1)));
      await changeQueue.drained();

      expect(await storedItem(productId)).toMatchObject({ name: 'Second', version: 2, active: true });
    },
    REDELIVERY_MS,
  );

  it('ignores a redelivered event and one older than the state it would overwrite', async () => {
    const productId = newProductId();
    const create = created(productId, productInput('Original'));
    const newer = updated(productId, productInput('Newer'), 5);
    await publish(create, newer);
    await changeQueue.drained();

    await publish(newer, updated(productId, productInput('Older'), 3), create);
    await changeQueue.drained();

    expect(await storedItem(productId)).toMatchObject({
      name: 'Newer',
      version: 2,
      lastEventId: newer.eventId,
    });
  });

  it(
    'applies the first of two changes made against the same version and dead-letters the other',
    async () => {
      const productId = newProductId();
      await publish(created(productId, productInput('Kettle')));
      await changeQueue.drained();

      const loser = updated(productId, productInput('Kettle, blue'), 2, 1);
      await publish(updated(productId, productInput('Kettle, red'), 1, 1), loser);
      await changeQueue.drained();

      expect(await storedItem(productId)).toMatchObject({ name: 'Kettle, red', version: 2 });
      expect((await deadLetters()).map((body) => (JSON.parse(body) as ChangeEvent).eventId)).toContain(
        loser.eventId,
      );
    },
    REDELIVERY_MS,
  );

  it(
    'dead-letters a poison message after maxReceiveCount receives without holding back the others',
    async () => {
      const productId = newProductId();
      await publish(created(productId, productInput('Teapot')));
      await aws.sns.send(
        new PublishCommand({
          TopicArn: stack().resource('ProductEventsTopic').arn,
          Message: '{"poison":true}',
        }),
      );

      await changeQueue.drained();

      expect(await storedItem(productId)).toMatchObject({ name: 'Teapot', version: 1 });
      expect(await deadLetters()).toContain('{"poison":true}');
    },
    REDELIVERY_MS,
  );
});
