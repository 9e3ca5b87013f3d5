import {
  CreateTableCommand,
  DescribeTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { setTimeout as delay } from 'node:timers/promises';
import type { ResourceHandler } from './handler';
import { isAwsError, physicalName, pickProperties } from './properties';

// The CloudFormation properties that have the CreateTable API's own shape.
const CREATE_TABLE_PROPERTIES = [
  'AttributeDefinitions',
  'KeySchema',
  'BillingMode',
  'ProvisionedThroughput',
  'GlobalSecondaryIndexes',
  'LocalSecondaryIndexes',
] as const;

const ACTIVE_CHECKS = 50;

// dynalite runs with createTableMs 0, so a new table turns ACTIVE on its next tick; this covers a slower one.
const describeWhenActive = async (dynamodb: DynamoDBClient, tableName: string): Promise<TableDescription> => {
  for (let check = 1; ; check += 1) {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return Table;
    if (check === ACTIVE_CHECKS)
      throw new Error(`Table ${tableName} is still ${Table?.TableStatus ?? 'missing'}`);
    await delay(20);
  }
};

export const dynamodbTable: ResourceHandler = {
  applies: ['TableName', ...CREATE_TABLE_PROPERTIES],
  provision: async (input) => {
    const tableName = physicalName(input, 'TableName');
    const { dynamodb } = input.clients;
    const request = { ...pickProperties(input.properties, CREATE_TABLE_PROPERTIES), TableName: tableName };
    try {
      await dynamodb.send(new CreateTableCommand(request as CreateTableCommandInput));
    } catch (error) {
      if (!isAwsError(error, 'ResourceInUseException')) throw error;
    }
    const table = await describeWhenActive(dynamodb, tableName);
    const arn = table.TableArn ?? '';
    const attributes: Record<string, string> = { Arn: arn };
    if (table.LatestStreamArn) attributes.StreamArn = table.LatestStreamArn;
    return { ref: tableName, name: tableName, arn, attributes };
  },
};
