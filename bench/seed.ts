import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { productItem, type Product } from '@bbws/core';

const BATCH_WRITE_MAX = 25;

export interface SeedPlan {
  /** Ids that must exist and be active (the samples' path parameters). */
  productIds: string[];
  /** More active products, for listing. */
  active: number;
  /** Soft-deleted products: they must cost a list page nothing. */
  deleted: number;
}

const product = (productId: string, position: number, active: boolean): Product => {
  const at = new Date(Date.UTC(2025, 0, 1, 0, 0, position)).toISOString();
  return {
    productId,
    name: `Bench product ${position}`,
    description: 'Seeded by npm run bench',
    // Spread over the price range, with repeats, so pages cross equal prices.
    price: ((position * 37) % 500) + 0.99,
    currency: 'EUR',
    category: 'Bench',
    active,
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...(active ? {} : { deletedAt: at }),
  };
};

/** Writes the planned products straight to the table; returns the ids of the active ones. */
export const seedProducts = async (dynamodb: DynamoDBClient, tableName: string, plan: SeedPlan) => {
  const activeIds = [...new Set(plan.productIds), ...Array.from({ length: plan.active }, () => randomUUID())];
  const products = [
    ...activeIds.map((productId, position) => product(productId, position, true)),
    ...Array.from({ length: plan.deleted }, (_, position) => product(randomUUID(), position, false)),
  ];
  const client = DynamoDBDocumentClient.from(dynamodb);
  for (let start = 0; start < products.length; start += BATCH_WRITE_MAX) {
    const requests = products
      .slice(start, start + BATCH_WRITE_MAX)
      .map((seeded) => ({ PutRequest: { Item: productItem(seeded) } }));
    await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
  }
  return activeIds;
};
