import { GetObjectCommand, PutObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';

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
  const results: R[] = [];
  for (let start = 0; start < items.length; start += CONCURRENCY)
    results.push(...(await Promise.all(items.slice(start, start + CONCURRENCY).map(work))));
  return results;
};

export const readBucket = async (s3: S3Client, bucket: string): Promise<SavedObject[]> => {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket }))
    keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
  return inParallel(keys, async (key) => {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
    return {
      key,
      body: Buffer.from(bytes).toString('base64'),
      contentType: object.ContentType,
      metadata: object.Metadata,
    };
  });
};

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
