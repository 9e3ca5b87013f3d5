import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { productItem, type Product } from '@bbws/core';
import type { SQSEvent } from 'aws-lambda';
import { documentClient } from './clients';

const tableName = process.env.PRODUCTS_TABLE_NAME;

const isConditionFailure = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** Bare product-creator for CREATE events: one conditional PutItem per record. */
export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) {
    const { productId, occurredAt, product } = JSON.parse(record.body);
    const item = {
      ...product,
      productId,
      active: true,
      createdAt: occurredAt,
      updatedAt: occurredAt,
      version: 1,
    };
    await documentClient
      .send(
        new PutCommand({
          TableName: tableName,
          Item: productItem(item as Product),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }
  return { batchItemFailures: [] };
};
