import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../clients/dynamodb';
import { idempotencyRecordKey } from './keys';
import { isConditionFailure, tableUnavailable } from './table-errors';

/** The record of one Idempotency-Key, kept in the products table beside the products. */
export interface IdempotencyClaim {
  recordId: string;
  productId: string;
  fingerprint: string;
  /** Seconds since the epoch. */
  now: number;
  /** Seconds since the epoch after which the record no longer holds the key. */
  expiresAt: number;
}

export interface IdempotencyRecord {
  fingerprint?: string;
  expiresAt?: number;
}

export interface IdempotencyRecords {
  /** Writes the record unless a live one holds the key; false when one does. */
  claim(claim: IdempotencyClaim): Promise<boolean>;
  /** The record as stored (read consistently), undefined when there is none. */
  find(recordId: string): Promise<IdempotencyRecord | undefined>;
}

/** Idempotency records; a failed call is DependencyUnavailable. */
export const idempotencyRecords = (tableName: string): IdempotencyRecords => ({
  claim: async ({ recordId, productId, fingerprint, now, expiresAt }) => {
    try {
      await documentClient().send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...idempotencyRecordKey(recordId),
            productId,
            fingerprint,
            createdAt: new Date(now * 1000).toISOString(),
            // DynamoDB's TTL deletes the record some time after this; the condition does not wait for it.
            expiresAt,
          },
          ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      return tableUnavailable(error);
    }
  },
  find: async (recordId) => {
    const { Item } = await documentClient()
      .send(
        new GetCommand({ TableName: tableName, Key: idempotencyRecordKey(recordId), ConsistentRead: true }),
      )
      .catch(tableUnavailable);
    return Item as IdempotencyRecord | undefined;
  },
});
