import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { productKey } from '@bbws/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { documentClient } from './clients';
import { json } from './http';

const tableName = process.env.PRODUCTS_TABLE_NAME;

/** Bare get-product: one GetItem. */
export const handler = async (event: APIGatewayProxyEvent) => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: productKey(event.pathParameters?.productId ?? '') }),
  );
  return Item ? json(200, Item) : json(404, { message: 'Not found' });
};
