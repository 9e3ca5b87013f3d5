import '../support/env';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { nameIndexKey, NotYetApplicable, priceIndexKeys, productKey } from '@bbws/core';
import { optionalProductFields } from '@bbws/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import {
  productChangeApplier,
  type CreateEvent,
  type DeleteEvent,
  type UpdateEvent,
} from '../../src/apply-change';
import { sampleChangeEvent } from '../support/sqs';

const TABLE = 'products-unit';
const dynamodb = mockClient(DynamoDBDocumentClient);
const applyChange = productChangeApplier({
  tableName: TABLE,
  client: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' })),
});

const createEvent = sampleChangeEvent<CreateEvent>('sqs-create.json');
const updateEvent = sampleChangeEvent<UpdateEvent>('sqs-update.json');
const deleteEvent = sampleChangeEvent<DeleteEvent>('sqs-delete.json');
const delivery = { messageId: 'message-1', receiveCount: 1 };
const key = productKey(createEvent.productId);

const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

/** The item as the table holds it when the conditional write is refused. */
const refusedWith = (item: Record<string, unknown> | undefined) => {
  dynamodb.on(UpdateCommand).rejects(conditionFailed());
  dynamodb.on(GetCommand).resolves({ Item: item });
};

beforeEach(() => dynamodb.reset());

describe('a CREATE', () => {
  it('puts the product active at version 1, dated by the event, with its index keys, if it does not exist', async () => {
    dynamodb.on(PutCommand).resolves({});

    const result = await applyChange(createEvent, delivery);

    expect(result).toEqual({ outcome: 'applied', detail: { version: 1 } });
    expect(dynamodb).toHaveReceivedCommandWith(PutCommand, {
      TableName: TABLE,
      ConditionExpression: 'attribute_not_exists(PK)',
      Item: {
        ...key,
        ...priceIndexKeys({ productId: createEvent.productId, price: createEvent.product.price }),
        ...nameIndexKey(createEvent.product.name),
        productId: createEvent.productId,
        ...createEvent.product,
        active: true,
        version: 1,
        createdAt: createEvent.occurredAt,
        updatedAt: createEvent.occurredAt,
        lastEventId: createEvent.eventId,
        lastEventAt: createEvent.occurredAt,
      },
    });
  });

  it('is a duplicate when the product exists already (redelivery or Idempotency-Key replay)', async () => {
    dynamodb.on(PutCommand).rejects(conditionFailed());

    await expect(applyChange(createEvent, delivery)).resolves.toEqual({ outcome: 'duplicate' });
    expect(dynamodb).not.toHaveReceivedCommand(GetCommand);
  });

  it('lets any other error of the table through, so the record is retried', async () => {
    dynamodb.on(PutCommand).rejects(new Error('ServiceUnavailable'));

    await expect(applyChange(createEvent, delivery)).rejects.toThrow('ServiceUnavailable');
  });
});

describe('an UPDATE', () => {
  it('replaces the editable fields, recomputes the index keys and increments the version in one conditional write', async () => {
    dynamodb.on(UpdateCommand).resolves({ Attributes: { version: 2 } });

    const result = await applyChange(updateEvent, delivery);

    expect(result).toEqual({ outcome: 'applied', detail: { version: 2, attempt: 1 } });
    expect(dynamodb).toHaveReceivedCommandTimes(UpdateCommand, 1);
    const input = dynamodb.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.Key).toEqual(key);
    expect(Object.values(input?.ExpressionAttributeValues ?? {})).toEqual(
      expect.arrayContaining([
        updateEvent.product.name,
        updateEvent.product.price,
        priceIndexKeys({ productId: updateEvent.productId, price: updateEvent.product.price }).GSI1_SK,
        nameIndexKey(updateEvent.product.name).GSI2_PK,
        updateEvent.expectedVersion,
      ]),
    );
    // Full replacement: the optional fields the event leaves out are removed, as is any deletedAt.
    const removed = (input?.UpdateExpression ?? '').split(' REMOVE ')[1]?.split(', ') ?? [];
    const leftOut = optionalProductFields().filter((field) => !(field in updateEvent.product));
    expect(leftOut.length).toBeGreaterThan(0);
    expect(removed.map((name) => input?.ExpressionAttributeNames?.[name]).sort()).toEqual(
      ['deletedAt', ...leftOut].sort(),
    );
    expect(input?.ConditionExpression).toContain('#version = :expectedVersion');
  });

  it('writes without a version condition when the change carries no expectedVersion', async () => {
    dynamodb.on(UpdateCommand).resolves({ Attributes: { version: 5 } });
    const unconditional = { ...updateEvent, expectedVersion: undefined };

    await applyChange(unconditional, delivery);

    const input = dynamodb.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).not.toContain(':expectedVersion');
  });

  it('fails (to be retried) when the product does not exist yet, reading the item consistently', async () => {
    refusedWith(undefined);

    await expect(applyChange(updateEvent, delivery)).rejects.toThrow(NotYetApplicable);
    expect(dynamodb).toHaveReceivedCommandWith(GetCommand, {
      TableName: TABLE,
      Key: key,
      ConsistentRead: true,
    });
  });

  it('is a duplicate when this very event was the last one applied', async () => {
    refusedWith({ version: 2, lastEventId: updateEvent.eventId, lastEventAt: updateEvent.occurredAt });

    await expect(applyChange(updateEvent, delivery)).resolves.toMatchObject({ outcome: 'duplicate' });
  });

  it('is stale when a newer event of the product has been applied', async () => {
    refusedWith({ version: 3, lastEventId: deleteEvent.eventId, lastEventAt: deleteEvent.occurredAt });

    await expect(applyChange(updateEvent, delivery)).resolves.toMatchObject({ outcome: 'stale' });
  });

  it('breaks a tie in time by eventId, so equal timestamps still have one order', async () => {
    const sameTime = { version: 2, lastEventAt: updateEvent.occurredAt };
    refusedWith({ ...sameTime, lastEventId: 'ffffffff-ffff-4fff-bfff-ffffffffffff' });
    await expect(applyChange(updateEvent, delivery)).resolves.toMatchObject({ outcome: 'stale' });

    refusedWith({ ...sameTime, version: 5, lastEventId: '00000000-0000-4000-8000-000000000000' });
    await expect(applyChange(updateEvent, delivery)).resolves.toMatchObject({ outcome: 'conflict' });
  });

  it('is a conflict when the product has moved past the expected version', async () => {
    refusedWith({ version: 3, lastEventId: createEvent.eventId, lastEventAt: createEvent.occurredAt });

    await expect(applyChange(updateEvent, delivery)).resolves.toEqual({
      outcome: 'conflict',
      detail: { version: 3, expectedVersion: 1 },
    });
  });

  it('fails (to be retried) when the product has not reached the expected version yet', async () => {
    refusedWith({ version: 1, lastEventId: createEvent.eventId, lastEventAt: createEvent.occurredAt });

    await expect(applyChange({ ...updateEvent, expectedVersion: 2 }, delivery)).rejects.toThrow(
      /is at version 1, the change expects 2/,
    );
  });

  it('writes again at once when another invocation changed the product between the write and the read', async () => {
    dynamodb
      .on(UpdateCommand)
      .rejectsOnce(conditionFailed())
      .resolves({ Attributes: { version: 2 } });
    dynamodb.on(GetCommand).resolves({
      Item: { version: 1, lastEventId: createEvent.eventId, lastEventAt: createEvent.occurredAt },
    });

    await expect(applyChange(updateEvent, delivery)).resolves.toEqual({
      outcome: 'applied',
      detail: { version: 2, attempt: 2 },
    });
  });

  it('fails (to be retried) when the product keeps changing under every attempt', async () => {
    refusedWith({ version: 1, lastEventId: createEvent.eventId, lastEventAt: createEvent.occurredAt });

    await expect(applyChange(updateEvent, delivery)).rejects.toThrow(/kept changing/);
    expect(dynamodb).toHaveReceivedCommandTimes(UpdateCommand, 3);
  });

  it('counts an item without change tracking (seeded data) as older than any event', async () => {
    refusedWith({ version: 3 });

    await expect(applyChange(updateEvent, delivery)).resolves.toMatchObject({ outcome: 'conflict' });
  });

  it('lets any other error of the table through, so the record is retried', async () => {
    dynamodb.on(UpdateCommand).rejects(new Error('ProvisionedThroughputExceededException'));

    await expect(applyChange(updateEvent, delivery)).rejects.toThrow(
      'ProvisionedThroughputExceededException',
    );
    expect(dynamodb).not.toHaveReceivedCommand(GetCommand);
  });
});

describe('a DELETE', () => {
  it('soft-deletes: inactive, deletedAt, index keys removed, version incremented, the item kept', async () => {
    dynamodb.on(UpdateCommand).resolves({ Attributes: { version: 3 } });

    await expect(applyChange(deleteEvent, delivery)).resolves.toEqual({
      outcome: 'applied',
      detail: { version: 3, attempt: 1 },
    });
    const input = dynamodb.commandCalls(UpdateCommand)[0]?.args[0].input;
    const names = input?.ExpressionAttributeNames ?? {};
    const [assignments = '', removals = ''] = (input?.UpdateExpression ?? '')
      .replace(/^SET /, '')
      .split(' REMOVE ');
    const setTo = Object.fromEntries(
      assignments.split(', ').map((assignment) => {
        const [name = '', value = ''] = assignment.split(' = ');
        return [names[name], input?.ExpressionAttributeValues?.[value] ?? value];
      }),
    );
    expect(setTo).toMatchObject({
      active: false,
      deletedAt: deleteEvent.occurredAt,
      updatedAt: deleteEvent.occurredAt,
    });
    expect(setTo.version).toBe('#version + :one');
    expect(removals.split(', ').map((name) => names[name])).toEqual(['GSI1_PK', 'GSI1_SK', 'GSI2_PK']);
    expect(dynamodb).not.toHaveReceivedCommand(PutCommand);
  });

  it('is a conflict when the product has moved past the expected version', async () => {
    refusedWith({ version: 4, lastEventId: updateEvent.eventId, lastEventAt: updateEvent.occurredAt });

    await expect(applyChange(deleteEvent, delivery)).resolves.toMatchObject({ outcome: 'conflict' });
  });
});
