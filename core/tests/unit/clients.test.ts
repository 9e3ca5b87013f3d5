import { GetObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { HttpRequest } from '@smithy/types';

const ENDPOINT_VARIABLES = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_SQS'] as const;

// A fresh module per test: the clients are memoised, and S3's path style is read when it is created.
const loadClients = async () => {
  jest.resetModules();
  return import('../../src/clients');
};

interface Sendable {
  middlewareStack: { add: (middleware: never, options: { step: 'build' }) => void };
}

// Stops a command after the SDK has resolved its endpoint, so no request leaves the process.
const requestOf = async (client: Sendable, send: () => Promise<unknown>): Promise<HttpRequest> => {
  let captured: HttpRequest | undefined;
  const capture = () => async (args: { request: HttpRequest }) => {
    captured = args.request;
    throw new Error('captured');
  };
  client.middlewareStack.add(capture as never, { step: 'build' });
  await expect(send()).rejects.toThrow('captured');
  if (!captured) throw new Error('no request captured');
  return captured;
};

describe('AWS clients', () => {
  beforeEach(() => {
    process.env.AWS_REGION = 'eu-west-1';
    // Dummy static credentials: some clients resolve credentials before the request is built.
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    for (const name of ENDPOINT_VARIABLES) Reflect.deleteProperty(process.env, name);
  });

  it('creates each client once per cold start', async () => {
    const { documentClient, snsClient, sqsClient, s3Client } = await loadClients();
    const factories = [documentClient, snsClient, sqsClient, s3Client];

    const first = factories.map((create) => create());
    const second = factories.map((create) => create());

    expect(second.every((client, position) => client === first[position])).toBe(true);
  });

  it('drops undefined values and refuses class instances when marshalling items', async () => {
    const { documentClient } = await loadClients();

    expect(documentClient().config.translateConfig?.marshallOptions).toEqual({
      removeUndefinedValues: true,
      convertClassInstanceToMap: false,
    });
  });

  it('retries each call up to three attempts', async () => {
    const { documentClient, snsClient, sqsClient, s3Client } = await loadClients();

    const attempts = await Promise.all(
      [documentClient(), snsClient(), sqsClient(), s3Client()].map((client) => client.config.maxAttempts()),
    );

    expect(attempts).toEqual([3, 3, 3, 3]);
  });

  it('sends SQS calls to the configured endpoint, not to the host in the queue URL', async () => {
    process.env.AWS_ENDPOINT_URL_SQS = 'http://localhost:4566';
    const { sqsClient } = await loadClients();
    const client = sqsClient();
    const QueueUrl = 'http://sqs.eu-west-1.localhost.localstack.cloud:4566/000000000000/product-change';

    const request = await requestOf(client, () =>
      client.send(new SendMessageCommand({ QueueUrl, MessageBody: '{}' })),
    );

    expect(client.config.useQueueUrlAsEndpoint).toBe(false);
    expect(`${request.hostname}:${request.port}`).toBe('localhost:4566');
  });

  it('addresses S3 buckets by path when an endpoint override is configured', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://localhost:4566';
    const { s3Client } = await loadClients();
    const client = s3Client();

    const request = await requestOf(client, () =>
      client.send(new GetObjectCommand({ Bucket: 'audit', Key: 'a.json' })),
    );

    expect(client.config.forcePathStyle).toBe(true);
    expect([request.hostname, request.path]).toEqual(['localhost', '/audit/a.json']);
  });

  it('uses path-style S3 addressing for an S3-only endpoint override', async () => {
    process.env.AWS_ENDPOINT_URL_S3 = 'http://localhost:9000';
    const { s3Client } = await loadClients();

    expect(s3Client().config.forcePathStyle).toBe(true);
  });

  it('addresses S3 buckets by virtual host on AWS', async () => {
    const { s3Client } = await loadClients();
    const client = s3Client();

    const request = await requestOf(client, () =>
      client.send(new GetObjectCommand({ Bucket: 'audit', Key: 'a.json' })),
    );

    expect(client.config.forcePathStyle).toBe(false);
    expect(request.hostname).toBe('audit.s3.eu-west-1.amazonaws.com');
  });
});
