import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** One object as saved: key, body (base64) and the headers a reader sees. */
export interface SavedObject {
  key: string;
  body: string;
  contentType?: string;
  metadata?: Record<string, string>;
}

// Objects read or written at once.
const CONCURRENCY = 16;

const inParallel = async <T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
};

const keysOf = async (s3: S3Client, bucket: string): Promise<string[]> => {
  const keys: string[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: continuationToken }),
    );
    keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
    continuationToken = page.NextContinuationToken;
  } while (continuationToken);
  return keys;
};

/** Every object of the bucket, through the S3 API. */
export const readBucket = async (s3: S3Client, bucket: string): Promise<SavedObject[]> =>
  inParallel(await keysOf(s3, bucket), async (key) => {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
    return {
      key,
      body: Buffer.from(bytes).toString('base64'),
      contentType: object.ContentType,
      metadata: object.Metadata,
    };
  });

/** Writes saved objects back under their keys (their LastModified becomes the time of the restore). */
export const restoreBucket = async (s3: S3Client, bucket: string, objects: SavedObject[]) => {
  await inParallel(objects, (object) =>
    s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: object.key,
        Body: Buffer.from(object.body, 'base64'),
        ContentType: object.contentType,
        Metadata: object.metadata,
      }),
    ),
  );
};
