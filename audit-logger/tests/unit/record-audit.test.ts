import '../support/env';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { validateAuditRecord, ValidationFailed, type ChangeEvent } from '@bbws/core';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { auditObjectKey, auditRecordOf, auditRecorder } from '../../src/record-audit';
import { sampleChangeEvent } from '../support/sqs';

const s3 = mockClient(S3Client);
const receivedAt = new Date('2025-01-15T10:30:02.250Z');
const recordAudit = auditRecorder({
  bucketName: 'audit-unit',
  client: new S3Client({ region: 'eu-west-1' }),
  now: () => receivedAt,
});
const createEvent = sampleChangeEvent('sqs-create.json');
const delivery = { messageId: 'message-1', receiveCount: 2 };

beforeEach(() => {
  s3.reset();
  s3.on(PutObjectCommand).resolves({});
});

describe('auditObjectKey', () => {
  it('partitions by the UTC date of occurredAt, then product, then time and eventId', () => {
    expect(auditObjectKey(createEvent)).toBe(
      'audit/year=2025/month=01/day=15/0b6f5a3e-7c1d-4a8e-9f2b-3c4d5e6f7a8b/2025-01-15T10:30:00.000Z_7d6c1f0e-2b3a-4c5d-8e9f-0a1b2c3d4e5f.json',
    );
  });

  it('takes the date in UTC when the event was stamped with another offset', () => {
    const lateEvening = { ...createEvent, occurredAt: '2025-01-15T23:30:00-02:00' };

    expect(auditObjectKey(lateEvening)).toMatch(
      /^audit\/year=2025\/month=01\/day=16\/.+\/2025-01-16T01:30:00\.000Z_/,
    );
  });
});

describe('auditRecorder', () => {
  it('writes the event and its delivery as encrypted JSON under the event’s key', async () => {
    await expect(recordAudit(createEvent, delivery)).resolves.toEqual({
      outcome: 'applied',
      detail: { key: auditObjectKey(createEvent) },
    });

    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: 'audit-unit',
      Key: auditObjectKey(createEvent),
      ContentType: 'application/json',
      ServerSideEncryption: 'AES256',
    });
    const body = JSON.parse(String(s3.commandCalls(PutObjectCommand)[0]?.args[0].input.Body));
    expect(body).toEqual({
      event: createEvent,
      delivery: { messageId: 'message-1', receiveCount: 2, receivedAt: '2025-01-15T10:30:02.250Z' },
    });
    expect(() => validateAuditRecord(body)).not.toThrow();
  });

  it('writes an event of a later minor version as received, with the fields this version does not know', async () => {
    const product = { name: 'Mug', price: 9.5, currency: 'EUR', stock: 5 };
    const received = {
      ...sampleChangeEvent<Extract<ChangeEvent, { eventType: 'CREATE' }>>('sqs-create.json'),
      schemaMinorVersion: 3,
      traceId: 'trace-1',
      product,
    };

    await recordAudit(createEvent, delivery, received);

    const body = JSON.parse(String(s3.commandCalls(PutObjectCommand)[0]?.args[0].input.Body));
    expect(body.event).toEqual(received);
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, { Key: auditObjectKey(createEvent) });
  });

  it('writes a redelivery to the same key, so the object is overwritten, not doubled', async () => {
    await recordAudit(createEvent, delivery);
    await recordAudit(createEvent, { messageId: 'message-2', receiveCount: 1 });

    const keys = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key);
    expect(new Set(keys).size).toBe(1);
  });

  it('lets an S3 error through, so the record is retried', async () => {
    s3.on(PutObjectCommand).rejects(new Error('SlowDown'));

    await expect(recordAudit(createEvent, delivery)).rejects.toThrow('SlowDown');
  });
});

describe('auditRecordOf', () => {
  it('refuses to build a record that does not match the audit record schema', () => {
    const notAnEvent = { ...createEvent, eventId: 'not-a-uuid' } as ChangeEvent;

    expect(() => auditRecordOf(notAnEvent, delivery, receivedAt)).toThrow(ValidationFailed);
  });
});
