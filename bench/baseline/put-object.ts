import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { SQSEvent } from 'aws-lambda';

const bucketName = process.env.AUDIT_BUCKET_NAME;
const s3 = new S3Client({
  maxAttempts: 3,
  forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL),
});

/** Bare audit-logger: one PutObject of each record's body. */
export const handler = async (event: SQSEvent) => {
  await Promise.all(
    event.Records.map(({ body }) => {
      const { productId, eventId } = JSON.parse(body);
      return s3.send(
        new PutObjectCommand({
          Bucket: bucketName,
          Key: `audit/${productId}/${eventId}.json`,
          Body: body,
          ContentType: 'application/json',
          ServerSideEncryption: 'AES256',
        }),
      );
    }),
  );
  return { batchItemFailures: [] };
};
