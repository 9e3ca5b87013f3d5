import { randomUUID } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { useLocalStack } from '@bbws/testing';

const stack = useLocalStack();
let s3: S3Client;

beforeAll(() => {
  // No forcePathStyle: for an IP endpoint (127.0.0.1) the SDK already puts the bucket in the path.
  s3 = new S3Client({});
});

afterAll(() => s3.destroy());

describe('audit bucket provisioned from the template', () => {
  it('stores an audit record as encrypted JSON and returns it unchanged', async () => {
    const eventId = randomUUID();
    const auditRecord = {
      event: { eventId, eventType: 'DELETE' },
      delivery: { messageId: randomUUID(), receiveCount: 1 },
    };
    const location = { Bucket: stack().resource('AuditBucket').name, Key: `audit/${eventId}.json` };

    await s3.send(
      new PutObjectCommand({
        ...location,
        Body: JSON.stringify(auditRecord),
        ContentType: 'application/json',
        ServerSideEncryption: 'AES256',
      }),
    );
    const stored = await s3.send(new GetObjectCommand(location));

    expect(stored.ContentType).toBe('application/json');
    expect(JSON.parse((await stored.Body?.transformToString()) ?? 'null')).toEqual(auditRecord);
  });
});
