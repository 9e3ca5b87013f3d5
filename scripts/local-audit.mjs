#!/usr/bin/env node
// Lists the audit records in the running local stack's audit bucket (read from .local/stack.json).
// Usage: npm run -s local:audit [-- --show]   (--show prints each record too)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

const { values: options } = parseArgs({ options: { show: { type: 'boolean', default: false } } });
const stackFile = join(new URL('..', import.meta.url).pathname, '.local', 'stack.json');
let stack;
try {
  stack = JSON.parse(readFileSync(stackFile, 'utf8'));
} catch {
  console.error(`No running stack (${stackFile} is missing): start one with npm start`);
  process.exit(1);
}
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const s3 = new S3Client({
  endpoint: stack.env.AWS_ENDPOINT_URL_S3,
  region: stack.region,
  forcePathStyle: true,
  credentials: { accessKeyId: stack.env.AWS_ACCESS_KEY_ID, secretAccessKey: stack.env.AWS_SECRET_ACCESS_KEY },
});
const Bucket = stack.resources.AuditBucket.name;
let count = 0;
let ContinuationToken;
do {
  const page = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'audit/', ContinuationToken }));
  for (const { Key, Size } of page.Contents ?? []) {
    count += 1;
    console.log(`${Key}  ${Size} B`);
    if (options.show) {
      const object = await s3.send(new GetObjectCommand({ Bucket, Key }));
      console.log(`  ${await object.Body.transformToString()}`);
    }
  }
  ContinuationToken = page.NextContinuationToken;
} while (ContinuationToken);
console.log(`${count} audit records in s3://${Bucket}/audit/`);
