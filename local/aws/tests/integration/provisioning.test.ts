import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import {
  createAwsClients,
  defaultTemplatePath,
  loadTemplate,
  provisionFromTemplate,
  startLocalStack,
  type AwsClients,
} from '../../src';
import { useLocalStack } from '@bbws/testing';

const template = loadTemplate(defaultTemplatePath());
const stack = useLocalStack({ setProcessEnv: false });
let clients: AwsClients;

beforeAll(() => {
  clients = createAwsClients(stack().env);
});

afterAll(() => clients.destroy());

describe('provisioning from the packaged infrastructure template', () => {
  it('accounts for every template resource once, as created or as skipped with a reason', () => {
    const created = Object.keys(stack().resources);
    const skipped = stack().skipped.map(({ logicalId }) => logicalId);

    expect([...created, ...skipped].sort()).toEqual(Object.keys(template.Resources).sort());
    expect(stack().skipped.every(({ reason }) => reason.length > 0)).toBe(true);
  });

  it('creates the table, topics, queues, subscriptions and bucket and skips what has no local meaning', () => {
    const createdTypes = new Set(Object.values(stack().resources).map(({ type }) => type));
    const skippedTypes = new Set(stack().skipped.map(({ type }) => type));

    expect(createdTypes).toEqual(
      new Set([
        'AWS::DynamoDB::Table',
        'AWS::SNS::Topic',
        'AWS::SQS::Queue',
        'AWS::SNS::Subscription',
        'AWS::S3::Bucket',
      ]),
    );
    expect(skippedTypes.has('AWS::ApiGateway::RestApi')).toBe(true);
    expect(stack().skipped).toContainEqual(
      expect.objectContaining({
        logicalId: 'AlertsEmailSubscription',
        reason: 'condition HasAlertEmail is false',
      }),
    );
  });

  it('gives each resource the ARN CloudFormation would give it in the local account and region', () => {
    const { accountId, region } = stack();
    const arnOf = (logicalId: string) => stack().resource(logicalId).arn;
    const nameOf = (logicalId: string) => stack().resource(logicalId).name;

    expect(arnOf('ProductsTable')).toBe(
      `arn:aws:dynamodb:${region}:${accountId}:table/${nameOf('ProductsTable')}`,
    );
    expect(arnOf('ProductEventsTopic')).toBe(
      `arn:aws:sns:${region}:${accountId}:${nameOf('ProductEventsTopic')}`,
    );
    expect(arnOf('ProductChangeQueue')).toBe(
      `arn:aws:sqs:${region}:${accountId}:${nameOf('ProductChangeQueue')}`,
    );
    expect(arnOf('AuditBucket')).toBe(`arn:aws:s3:::${nameOf('AuditBucket')}`);
    expect([accountId, region]).toEqual(['000000000000', 'eu-west-1']);
  });

  it('names the audit bucket through Fn::Sub with the local account id', () => {
    expect(stack().resource('AuditBucket').name).toBe(`bbws-product-audit-logs-local-${stack().accountId}`);
  });

  it('creates each consumer queue with the template visibility timeout and a redrive policy to its DLQ', async () => {
    const { Attributes } = await clients.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: stack().resource('ProductAuditQueue').url,
        AttributeNames: ['VisibilityTimeout', 'RedrivePolicy'],
      }),
    );

    expect(Attributes?.VisibilityTimeout).toBe(
      String(template.Resources.ProductAuditQueue?.Properties?.VisibilityTimeout),
    );
    expect(JSON.parse(Attributes?.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn: stack().resource('ProductAuditDeadLetterQueue').arn,
      maxReceiveCount: 5,
    });
  });

  it('reports the template properties the emulators do not apply', () => {
    expect(stack().resource('AuditBucket').notEmulated).toEqual(
      expect.arrayContaining(['BucketEncryption', 'VersioningConfiguration']),
    );
  });

  it('provisions again against a backend that already has the resources and finds the same ones', async () => {
    const again = await provisionFromTemplate(template, stack());

    const identities = (resources: typeof again.resources) =>
      Object.fromEntries(
        Object.entries(resources).map(([logicalId, { ref, arn }]) => [logicalId, { ref, arn }]),
      );
    expect(identities(again.resources)).toEqual(identities(stack().resources));
  });

  it('keeps table items across a restart when given a persist directory', async () => {
    const persistDir = mkdtempSync(path.join(tmpdir(), 'bbws-local-'));
    const key = { PK: { S: 'PRODUCT#persisted' }, SK: { S: 'METADATA' } };
    try {
      const first = await startLocalStack({ persistDir });
      const tableName = first.resource('ProductsTable').name;
      const firstClients = createAwsClients(first.env);
      await firstClients.dynamodb.send(new PutItemCommand({ TableName: tableName, Item: key }));
      firstClients.destroy();
      await first.stop();

      const second = await startLocalStack({ persistDir });
      const secondClients = createAwsClients(second.env);
      const { Item } = await secondClients.dynamodb.send(
        new GetItemCommand({ TableName: tableName, Key: key }),
      );
      secondClients.destroy();
      await second.stop();

      expect(Item).toEqual(key);
    } finally {
      rmSync(persistDir, { recursive: true, force: true });
    }
  });
});
