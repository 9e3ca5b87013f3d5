import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '@bbws/local-aws';
import { drainQueue, queueDepth } from './topic-tap';

// Reading what the consumers left behind: the table, the audit bucket and the dead-letter queues.

// Bounds on the pages read, far above what any suite writes.
const MAX_PAGES = 1_000;

/** Every key under `audit/` in the bucket. */
export const auditKeys = async (aws: AwsClients, bucket: string): Promise<string[]> => {
  const keys: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const listing = await aws.s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'audit/', ContinuationToken: token }),
    );
    keys.push(...(listing.Contents ?? []).map((object) => object.Key ?? ''));
    token = listing.NextContinuationToken;
    if (!token) return keys;
  }
  throw new Error(`More than ${MAX_PAGES} pages of audit objects`);
};

/** The eventId an audit key names: `..._{eventId}.json`. */
export const eventIdOfAuditKey = (key: string): string => /_([0-9a-f-]{36})\.json$/.exec(key)?.[1] ?? key;

/** Every item of the table, read consistently, by productId. */
export const tableItems = async (
  aws: AwsClients,
  table: string,
): Promise<Map<string, Record<string, unknown>>> => {
  const client = DynamoDBDocumentClient.from(aws.dynamodb);
  const items = new Map<string, Record<string, unknown>>();
  let startKey: Record<string, unknown> | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await client.send(
      new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    for (const item of result.Items ?? []) items.set(String(item.productId), item);
    startKey = result.LastEvaluatedKey;
    if (!startKey) return items;
  }
  throw new Error(`More than ${MAX_PAGES} pages of table items`);
};

/** Messages waiting on a queue, visible or in flight. */
export { queueDepth };

/** The bodies of every message in a dead-letter queue, taken off it. */
export const deadLetterBodies = async (aws: AwsClients, queueUrl: string): Promise<string[]> =>
  (await drainQueue(aws, queueUrl, { waitSeconds: 0 })).map((message) => message.Body ?? '');

/**
 * The key issue #4 gives an event's audit object, spelled out from the issue rather than taken from
 * audit-logger: `audit/year=YYYY/month=MM/day=DD/{productId}/{occurredAt}_{eventId}.json`, in UTC.
 */
export const expectedAuditKey = (event: {
  productId: string;
  occurredAt: string;
  eventId: string;
}): string => {
  const at = new Date(event.occurredAt).toISOString();
  const [year, month, day] = [at.slice(0, 4), at.slice(5, 7), at.slice(8, 10)];
  return `audit/year=${year}/month=${month}/day=${day}/${event.productId}/${at}_${event.eventId}.json`;
};
