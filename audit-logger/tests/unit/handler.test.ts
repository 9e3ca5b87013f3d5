import '../support/env';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../src/handler';
import { TEST_BUCKET_NAME } from '../support/env';
import { sampleChangeEvent, sampleSqsEvent, sqsEvent } from '../support/sqs';

const s3 = mockClient(S3Client);

beforeEach(() => {
  s3.reset();
  s3.on(PutObjectCommand).resolves({});
});

describe('audit-logger handler', () => {
  it.each(['sqs-create.json', 'sqs-update.json', 'sqs-delete.json'])(
    'writes the sample %s to the bucket named by AUDIT_BUCKET_NAME',
    async (file) => {
      await expect(handler(sampleSqsEvent(file))).resolves.toEqual({ batchItemFailures: [] });
      expect(s3).toHaveReceivedCommandWith(PutObjectCommand, { Bucket: TEST_BUCKET_NAME });
    },
  );

  it('records every valid event of a batch and reports only the poison message as failed', async () => {
    const batch = sampleSqsEvent('sqs-batch-with-poison.json');

    const response = await handler(batch);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: batch.Records[3]?.messageId }]);
    expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 3);
  });

  it('fails only the record whose write fails', async () => {
    const create = sampleChangeEvent('sqs-create.json');
    const otherProduct = { ...create, productId: '1c7a6b4f-8d2e-4b9f-8a3c-4d5e6f7a8b9c' };
    s3.on(PutObjectCommand).callsFake(async ({ Key }: { Key: string }) => {
      if (Key.includes(create.productId)) throw new Error('InternalError');
      return {};
    });
    const batch = sqsEvent(create, otherProduct);

    const response = await handler(batch);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: batch.Records[0]?.messageId }]);
  });

  it('fails at cold start when AUDIT_BUCKET_NAME is not set', async () => {
    const bucketName = process.env.AUDIT_BUCKET_NAME;
    delete process.env.AUDIT_BUCKET_NAME;
    try {
      await jest.isolateModulesAsync(async () => {
        await expect(import('../../src/handler')).rejects.toThrow(/AUDIT_BUCKET_NAME/);
      });
    } finally {
      process.env.AUDIT_BUCKET_NAME = bucketName;
    }
  });
});
