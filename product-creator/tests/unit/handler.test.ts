import '../support/env';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../src/handler';
import { TEST_TABLE_NAME } from '../support/env';
import { sampleChangeEvent, sampleSqsEvent, sqsEvent } from '../support/sqs';

const dynamodb = mockClient(DynamoDBDocumentClient);

beforeEach(() => {
  dynamodb.reset();
  dynamodb.on(PutCommand).resolves({});
  dynamodb.on(UpdateCommand).resolves({ Attributes: { version: 2 } });
});

describe('product-creator handler', () => {
  it.each(['sqs-create.json', 'sqs-update.json', 'sqs-delete.json'])(
    'applies the sample %s to the table named by PRODUCTS_TABLE_NAME',
    async (file) => {
      await expect(handler(sampleSqsEvent(file))).resolves.toEqual({ batchItemFailures: [] });
      expect(dynamodb.calls()[0]?.args[0].input).toMatchObject({ TableName: TEST_TABLE_NAME });
    },
  );

  it('applies a batch in order and reports only the poison message as failed', async () => {
    const batch = sampleSqsEvent('sqs-batch-with-poison.json');

    const response = await handler(batch);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: batch.Records[3]?.messageId }]);
    expect(dynamodb).toHaveReceivedNthCommandWith(1, PutCommand, { TableName: TEST_TABLE_NAME });
    expect(dynamodb).toHaveReceivedCommandTimes(UpdateCommand, 2);
  });

  it('reports a conflict as failed so that it reaches the DLQ, and a stale event as done', async () => {
    const update = sampleChangeEvent('sqs-update.json');
    const olderUpdate = {
      ...update,
      eventId: '5b4c3d2e-1f0a-4b9c-8d7e-6f5a4b3c2d1e',
      occurredAt: '2025-01-15T11:00:00Z',
    };
    dynamodb
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'refused', $metadata: {} }));
    dynamodb
      .on(GetCommand)
      .resolves({ Item: { version: 3, lastEventId: 'x', lastEventAt: '2025-01-15T11:30:00.000Z' } });
    const batch = sqsEvent(update, olderUpdate);

    const response = await handler(batch);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: batch.Records[0]?.messageId }]);
  });

  it('fails at cold start when PRODUCTS_TABLE_NAME is not set', async () => {
    const tableName = process.env.PRODUCTS_TABLE_NAME;
    delete process.env.PRODUCTS_TABLE_NAME;
    try {
      await jest.isolateModulesAsync(async () => {
        await expect(import('../../src/handler')).rejects.toThrow(/PRODUCTS_TABLE_NAME/);
      });
    } finally {
      process.env.PRODUCTS_TABLE_NAME = tableName;
    }
  });
});
