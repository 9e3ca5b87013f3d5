import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  type DynamoDBDocumentClient,
  type GetCommandInput,
  type PutCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { productItem, type Product } from '@bbws/core';
import type { AwsClientStub } from 'aws-sdk-client-mock';

/** Makes the mocked products table hold this product (or nothing) for every read. */
export const tableHolds = (dynamodb: AwsClientStub<DynamoDBDocumentClient>, product?: Product): void => {
  dynamodb.on(GetCommand).resolves({ Item: product && productItem(product) });
};

type Item = Record<string, unknown>;

/**
 * A products table for create-product's conditional writes: PutCommand honours the idempotency claim's
 * condition (no record, or an expired one), GetCommand reads what was written. Returns the items by key.
 */
export const idempotencyTable = (
  dynamodb: AwsClientStub<DynamoDBDocumentClient>,
  products: Product[] = [],
): Map<string, Item> => {
  const items = new Map<string, Item>();
  const keyOf = (key: Item) => `${String(key.PK)}|${String(key.SK)}`;
  products.map(productItem).forEach((item) => items.set(keyOf(item), item));
  dynamodb.on(PutCommand).callsFake(async ({ Item, ExpressionAttributeValues }: PutCommandInput) => {
    const existing = items.get(keyOf(Item ?? {}));
    const now = Number(ExpressionAttributeValues?.[':now']);
    if (existing && !(Number(existing.expiresAt) < now)) {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    }
    items.set(keyOf(Item ?? {}), Item ?? {});
    return {};
  });
  dynamodb
    .on(GetCommand)
    .callsFake(async ({ Key }: GetCommandInput) => ({ Item: items.get(keyOf(Key ?? {})) }));
  return items;
};
