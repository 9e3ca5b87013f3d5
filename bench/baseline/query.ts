import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { priceIndexKeyCondition } from '@bbws/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { documentClient } from './clients';
import { json } from './http';

const tableName = process.env.PRODUCTS_TABLE_NAME;

/** Bare list-products: one Query on the price index, the next key as an unsigned cursor. */
export const handler = async (event: APIGatewayProxyEvent) => {
  const page = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      ...priceIndexKeyCondition(),
      Limit: Number(event.queryStringParameters?.limit ?? 20),
    }),
  );
  const nextCursor = page.LastEvaluatedKey
    ? Buffer.from(JSON.stringify(page.LastEvaluatedKey)).toString('base64url')
    : null;
  return json(200, { items: page.Items ?? [], nextCursor });
};
