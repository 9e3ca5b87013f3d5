import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { productItem, type Product } from '@bbws/core';
import type { AwsClientStub } from 'aws-sdk-client-mock';

/** Makes the mocked products table hold this product (or nothing) for every read. */
export const tableHolds = (dynamodb: AwsClientStub<DynamoDBDocumentClient>, product?: Product): void => {
  dynamodb.on(GetCommand).resolves({ Item: product && productItem(product) });
};
