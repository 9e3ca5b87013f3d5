import { requireEnv, s3Client, sqsBatchHandler } from '@bbws/core';
import { auditRecorder } from './record-audit';

const auditBucketName = requireEnv('AUDIT_BUCKET_NAME');

export const recordAudit = auditRecorder({ bucketName: auditBucketName, client: s3Client() });

// Each record is one independent PutObject, so more products run at once than in product-creator.
export const handler = sqsBatchHandler(recordAudit, { concurrency: 10 });
