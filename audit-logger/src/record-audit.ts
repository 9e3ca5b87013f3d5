import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  occurredAtUtc,
  recordAuditRecordWritten,
  validateAuditRecord,
  type AuditRecord,
  type ChangeEvent,
  type Delivery,
  type ProcessChangeEvent,
  type ReceivedChangeEvent,
} from '@bbws/core';

export interface AuditBucket {
  bucketName: string;
  client: S3Client;
  /** The clock that stamps `receivedAt`; tests pass a fixed one. */
  now?: () => Date;
}

/**
 * `audit/year=YYYY/month=MM/day=DD/{productId}/{occurredAt}_{eventId}.json`, the date in UTC: Hive-style
 * partitions for Athena, and a key that depends on the event only, so a redelivery overwrites it.
 */
export const auditObjectKey = (
  changeEvent: Pick<ChangeEvent, 'occurredAt' | 'productId' | 'eventId'>,
): string => {
  const at = occurredAtUtc(changeEvent);
  const [year, month, day] = [at.slice(0, 4), at.slice(5, 7), at.slice(8, 10)];
  return `audit/year=${year}/month=${month}/day=${day}/${changeEvent.productId}/${at}_${changeEvent.eventId}.json`;
};

/** The event exactly as received, fields of a later minor version included, with its delivery. */
export const auditRecordOf = (
  received: ReceivedChangeEvent,
  delivery: Delivery,
  receivedAt: Date,
): AuditRecord =>
  validateAuditRecord({
    event: received,
    delivery: { ...delivery, receivedAt: receivedAt.toISOString() },
  });

/** Writes each change event with its delivery metadata to the audit bucket, one object per event. */
export const auditRecorder =
  ({ bucketName, client, now = () => new Date() }: AuditBucket): ProcessChangeEvent =>
  async (changeEvent, delivery, received = changeEvent) => {
    const key = auditObjectKey(changeEvent);
    await client.send(
      new PutObjectCommand({
        Bucket: bucketName,
        Key: key,
        Body: JSON.stringify(auditRecordOf(received, delivery, now())),
        ContentType: 'application/json',
        ServerSideEncryption: 'AES256',
      }),
    );
    recordAuditRecordWritten();
    return { outcome: 'applied', detail: { key } };
  };
