// Lists the audit records in the running local stack's audit bucket (read from .local/stack.json).
// Usage: npm run -s local:audit [-- --show]   (--show prints each record too)
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { readStackFile } from '@bbws/dev-server';

const main = async () => {
  const { values: options } = parseArgs({ options: { show: { type: 'boolean', default: false } } });
  const stack = readStackFile(join(__dirname, '..', '.local', 'stack.json'));
  const s3 = new S3Client({
    endpoint: stack.env.AWS_ENDPOINT_URL_S3,
    region: stack.region,
    forcePathStyle: true,
    credentials: {
      accessKeyId: stack.env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: stack.env.AWS_SECRET_ACCESS_KEY ?? '',
    },
  });
  const bucket = stack.resources.AuditBucket?.name ?? '';
  let count = 0;
  let continuationToken: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'audit/', ContinuationToken: continuationToken }),
    );
    for (const { Key, Size } of page.Contents ?? []) {
      count += 1;
      console.log(`${Key}  ${Size} B`);
      if (options.show) {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
        console.log(`  ${await object.Body?.transformToString()}`);
      }
    }
    continuationToken = page.NextContinuationToken;
  } while (continuationToken);
  console.log(`${count} audit records in s3://${bucket}/audit/`);
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
