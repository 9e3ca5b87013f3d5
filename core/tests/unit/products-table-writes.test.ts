import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { aProduct } from '@bbws/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { INDEX_ATTRIBUTES, productKey, productWrites } from '../../src/products-table';

const dynamo = mockClient(DynamoDBDocumentClient);
const tableName = 'products-test';
const writes = productWrites(
  tableName,
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' })),
);
const { productId, name, price, currency } = aProduct();
const stamp = { eventId: 'event-7', at: '2026-11-03T08:00:00.000Z' };
const refused = () => new ConditionalCheckFailedException({ message: 'refused', $metadata: {} });

/** The attribute names an UpdateExpression removes. */
const removedBy = (input: UpdateCommand['input'] | undefined): string[] =>
  (input?.UpdateExpression?.split(' REMOVE ')[1]?.split(', ') ?? []).map(
    (placeholder) => input?.ExpressionAttributeNames?.[placeholder] ?? placeholder,
  );

beforeEach(() => dynamo.reset());

describe('productWrites', () => {
  it('creates only where no item has the key, and says when one had', async () => {
    dynamo.on(PutCommand).resolvesOnce({}).rejectsOnce(refused());

    const outcomes = [
      await writes.create(productId, { name, price, currency }, stamp),
      await writes.create(productId, { name, price, currency }, stamp),
    ];

    expect(outcomes).toEqual([true, false]);
    expect(dynamo).toHaveReceivedCommandWith(PutCommand, {
      TableName: tableName,
      ConditionExpression: 'attribute_not_exists(PK)',
    });
  });

  it('returns the version a replacement wrote', async () => {
    dynamo.on(UpdateCommand).resolves({ Attributes: { version: 4 } });

    await expect(writes.replace(productId, { name, price, currency }, stamp, 3)).resolves.toEqual({
      applied: true,
      version: 4,
    });
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.ConditionExpression).toContain(
      '#version = :expectedVersion',
    );
  });

  it('reports a refused condition as not applied, for the caller to explain', async () => {
    dynamo.on(UpdateCommand).rejects(refused());

    await expect(writes.softDelete(productId, stamp)).resolves.toEqual({ applied: false });
  });

  it('soft-deletes by removing the index keys, with no version condition when none is expected', async () => {
    dynamo.on(UpdateCommand).resolves({ Attributes: { version: 2 } });

    await writes.softDelete(productId, stamp);

    const input = dynamo.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.Key).toEqual(productKey(productId));
    expect(removedBy(input)).toEqual([...INDEX_ATTRIBUTES]);
    expect(input?.ConditionExpression).not.toContain(':expectedVersion');
  });

  it('lets any other error of the table through', async () => {
    dynamo.on(UpdateCommand).rejects(new Error('throttled'));

    await expect(writes.replace(productId, { name, price, currency }, stamp)).rejects.toThrow('throttled');
  });

  it('reads the change tracking consistently, without the product', async () => {
    dynamo.on(GetCommand).resolves({ Item: { version: 2, lastEventId: 'event-6' } });

    await expect(writes.tracking(productId)).resolves.toEqual({ version: 2, lastEventId: 'event-6' });
    expect(dynamo).toHaveReceivedCommandWith(GetCommand, {
      Key: productKey(productId),
      ConsistentRead: true,
      ProjectionExpression: '#version, lastEventId, lastEventAt',
    });
  });
});
