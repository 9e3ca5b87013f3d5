import { functionServiceNames, loadTemplate, referencedIds, resourcesOfType } from './support/templates';

const infrastructure = loadTemplate('infrastructure');
const resource = (id: string) => {
  const found = infrastructure.Resources[id];
  if (!found) throw new Error(`infrastructure template has no ${id}`);
  return found;
};

describe('the products table', () => {
  const table = resource('ProductsTable');

  it('is keyed by PK/SK, on demand, named after the stage and kept when the stack goes', () => {
    expect(table).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(table.Properties).toMatchObject({
      TableName: 'products-local',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
    });
  });

  it('expires Idempotency-Key records through TTL on expiresAt', () => {
    expect(table.Properties?.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it('has the price index on GSI1_PK/GSI1_SK and the name index on GSI2_PK', () => {
    expect(table.Properties?.GlobalSecondaryIndexes).toEqual([
      expect.objectContaining({
        IndexName: 'ProductsByPriceIndex',
        KeySchema: [
          { AttributeName: 'GSI1_PK', KeyType: 'HASH' },
          { AttributeName: 'GSI1_SK', KeyType: 'RANGE' },
        ],
      }),
      expect.objectContaining({
        IndexName: 'ProductsByNameIndex',
        KeySchema: [{ AttributeName: 'GSI2_PK', KeyType: 'HASH' }],
      }),
    ]);
  });

  it('has point-in-time recovery, encryption at rest and the project tags', () => {
    expect(table.Properties).toMatchObject({
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
    const tagKeys = (table.Properties?.Tags as { Key: string }[]).map((tag) => tag.Key);
    expect(tagKeys).toEqual(expect.arrayContaining(['Project', 'Component', 'Environment']));
  });
});

describe('the audit bucket', () => {
  const bucket = resource('AuditBucket');

  it('blocks every kind of public access', () => {
    expect(bucket.Properties?.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });

  it('is encrypted, versioned and moves objects to Glacier after 365 days', () => {
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: [
          expect.objectContaining({
            Status: 'Enabled',
            Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 365 }],
          }),
        ],
      },
    });
  });

  it('denies every request that does not use TLS', () => {
    const policy = resource('AuditBucketPolicy').Properties;
    expect(policy?.Bucket).toEqual({ Ref: 'AuditBucket' });
    expect(policy?.PolicyDocument).toMatchObject({
      Statement: [
        expect.objectContaining({
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      ],
    });
  });
});

describe('the change fan-out', () => {
  const queues = resourcesOfType(infrastructure, 'AWS::SQS::Queue');
  const deadLetterTargets = queues.flatMap(([, queue]) => {
    const redrive = queue.Properties?.RedrivePolicy as
      { deadLetterTargetArn: { 'Fn::GetAtt': string[] } } | undefined;
    return redrive ? [redrive.deadLetterTargetArn['Fn::GetAtt'][0]] : [];
  });

  it('gives every queue a DLQ after five receives, and keeps DLQ messages 14 days', () => {
    for (const [id, queue] of queues) {
      if (deadLetterTargets.includes(id)) {
        expect(queue.Properties?.MessageRetentionPeriod).toBe(1209600);
      } else {
        expect(queue.Properties?.RedrivePolicy).toMatchObject({ maxReceiveCount: 5 });
      }
    }
    expect(deadLetterTargets.sort()).toEqual(['ProductAuditDeadLetterQueue', 'ProductChangeDeadLetterQueue']);
  });

  it('encrypts the topic and every queue', () => {
    expect(resource('ProductEventsTopic').Properties?.KmsMasterKeyId).toBe('alias/aws/sns');
    for (const [, queue] of queues) expect(queue.Properties?.SqsManagedSseEnabled).toBe(true);
  });

  it('subscribes each consumer queue to the topic with raw delivery', () => {
    const subscriptions = resourcesOfType(infrastructure, 'AWS::SNS::Subscription')
      .map(([, subscription]) => subscription.Properties ?? {})
      .filter((properties) => properties.Protocol === 'sqs');
    expect(subscriptions).toEqual([
      expect.objectContaining({
        TopicArn: { Ref: 'ProductEventsTopic' },
        Endpoint: { 'Fn::GetAtt': ['ProductChangeQueue', 'Arn'] },
        RawMessageDelivery: true,
      }),
      expect.objectContaining({
        TopicArn: { Ref: 'ProductEventsTopic' },
        Endpoint: { 'Fn::GetAtt': ['ProductAuditQueue', 'Arn'] },
        RawMessageDelivery: true,
      }),
    ]);
  });

  it('lets only the events topic send to each consumer queue', () => {
    for (const [, policy] of resourcesOfType(infrastructure, 'AWS::SQS::QueuePolicy')) {
      expect(policy.Properties?.PolicyDocument).toMatchObject({
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Condition: { ArnEquals: { 'aws:SourceArn': { Ref: 'ProductEventsTopic' } } },
          },
        ],
      });
    }
  });
});

describe('queue visibility against consumer timeouts', () => {
  const queueByName = new Map(
    resourcesOfType(infrastructure, 'AWS::SQS::Queue').map(([, queue]) => [
      queue.Properties?.QueueName,
      queue,
    ]),
  );
  const mappings = functionServiceNames.flatMap((service) => {
    const template = loadTemplate(service);
    return resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').map(([, mapping]) => {
      const [functionId] = referencedIds(mapping.Properties?.FunctionName);
      const queueName = String(mapping.Properties?.EventSourceArn).split(':').pop() ?? '';
      return {
        service,
        queueName,
        timeout: Number(template.Resources[functionId ?? '']?.Properties?.Timeout),
      };
    });
  });

  it('finds the two consumers on their own queues', () => {
    expect(mappings.map(({ service, queueName }) => [service, queueName])).toEqual([
      ['product-creator', 'bbws-product-change-local'],
      ['audit-logger', 'bbws-product-audit-local'],
    ]);
  });

  it.each(mappings.map((mapping) => [mapping.service, mapping]))(
    'keeps the queue of %s visible for at least six times its function timeout',
    (_service, { queueName, timeout }) => {
      expect(timeout).toBeGreaterThan(0);
      expect(Number(queueByName.get(queueName)?.Properties?.VisibilityTimeout)).toBeGreaterThanOrEqual(
        6 * timeout,
      );
    },
  );
});
