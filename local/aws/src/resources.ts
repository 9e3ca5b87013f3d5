import {
  CreateTableCommand,
  DescribeTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, type BucketLocationConstraint } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { setTimeout as delay } from 'node:timers/promises';
import type { AwsClients } from './clients';
import { resolveValue, type ResolveContext, type ResourceIdentity } from './intrinsics';
import type { PlannedResource } from './provision';
import type { TemplateResource } from './template';

/** A resource created in the emulators, with the identifiers CloudFormation would give it. */
export interface ProvisionedResource extends ResourceIdentity {
  logicalId: string;
  type: string;
  /** Physical name: table, topic, queue or bucket name. */
  name: string;
  arn?: string;
  /** Queue URL, for queues. */
  url?: string;
  /** Template properties the emulators do not apply (encryption, versioning, tags...). */
  notEmulated: string[];
}

interface ProvisionInput {
  /** The name property's value, or the one CloudFormation would generate from stack and logical id. */
  name: string;
  /** The resolved properties this handler applies, those present only. */
  applied: Record<string, unknown>;
  clients: AwsClients;
  context: ResolveContext;
}

interface ResourceHandler {
  /** The property that names the resource, when it has one. */
  nameProperty?: string;
  /** The other template properties this handler applies; the rest are reported as not emulated. */
  applies?: readonly string[];
  /** Why this resource is not created locally, judged from the raw template; undefined to create it. */
  skipReason?(logicalId: string, resource: TemplateResource): string | undefined;
  /** Creates the resource, or finds it when it already exists (a persisted backend). */
  provision(input: ProvisionInput): Promise<Omit<ProvisionedResource, 'logicalId' | 'type' | 'notEmulated'>>;
}

/** Properties as the string attributes SQS and SNS APIs take. */
const stringAttributes = (properties: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(properties).map(([name, value]) => [
      name,
      typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value),
    ]),
  );

// Creating what a persisted backend already has is not an error.
const unlessExists = (request: Promise<unknown>, errorName: string): Promise<unknown> =>
  request.catch((error: unknown) => {
    if (!(error instanceof Error && error.name === errorName)) throw error;
  });

// dynalite runs with createTableMs 0, so a new table turns ACTIVE on its next tick; this covers a slower one.
const describeWhenActive = async (dynamodb: DynamoDBClient, tableName: string): Promise<TableDescription> => {
  for (let check = 1; ; check += 1) {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return Table;
    if (check === 50) throw new Error(`Table ${tableName} is still ${Table?.TableStatus ?? 'missing'}`);
    await delay(20);
  }
};

const handlers: Record<string, ResourceHandler> = {
  'AWS::DynamoDB::Table': {
    nameProperty: 'TableName',
    // The CloudFormation properties that have the CreateTable API's own shape.
    applies: [
      'AttributeDefinitions',
      'KeySchema',
      'BillingMode',
      'ProvisionedThroughput',
      'GlobalSecondaryIndexes',
      'LocalSecondaryIndexes',
    ],
    provision: async ({ name, applied, clients: { dynamodb } }) => {
      const request = { ...applied, TableName: name } as CreateTableCommandInput;
      await unlessExists(dynamodb.send(new CreateTableCommand(request)), 'ResourceInUseException');
      const { TableArn: arn = '', LatestStreamArn } = await describeWhenActive(dynamodb, name);
      const attributes = { Arn: arn, ...(LatestStreamArn ? { StreamArn: LatestStreamArn } : {}) };
      return { ref: name, name, arn, attributes };
    },
  },
  'AWS::SNS::Topic': {
    nameProperty: 'TopicName',
    // Topic attributes fauxqs applies; KmsMasterKeyId has no local meaning.
    applies: ['DisplayName', 'FifoTopic', 'ContentBasedDeduplication'],
    provision: async ({ name, applied, clients }) => {
      const { TopicArn: arn = '' } = await clients.sns.send(
        new CreateTopicCommand({ Name: name, Attributes: stringAttributes(applied) }),
      );
      return { ref: arn, name, arn, attributes: { TopicArn: arn, TopicName: name } };
    },
  },
  'AWS::SQS::Queue': {
    nameProperty: 'QueueName',
    // Queue attributes fauxqs applies; encryption settings (SqsManagedSseEnabled, Kms*) have no local meaning.
    applies: [
      'DelaySeconds',
      'MaximumMessageSize',
      'MessageRetentionPeriod',
      'ReceiveMessageWaitTimeSeconds',
      'VisibilityTimeout',
      'RedrivePolicy',
      'FifoQueue',
      'ContentBasedDeduplication',
      'DeduplicationScope',
      'FifoThroughputLimit',
    ],
    provision: async ({ name, applied, clients: { sqs } }) => {
      // CreateQueue is idempotent for the same attributes; RedrivePolicy goes as a JSON string attribute.
      const { QueueUrl: url = '' } = await sqs.send(
        new CreateQueueCommand({ QueueName: name, Attributes: stringAttributes(applied) }),
      );
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
      );
      const arn = Attributes?.QueueArn ?? '';
      return { ref: url, name, arn, url, attributes: { Arn: arn, QueueName: name, QueueUrl: url } };
    },
  },
  'AWS::SNS::Subscription': {
    applies: [
      'TopicArn',
      'Protocol',
      'Endpoint',
      'RawMessageDelivery',
      'FilterPolicy',
      'FilterPolicyScope',
      'RedrivePolicy',
    ],
    skipReason: (_logicalId, resource) => {
      const protocol = resource.Properties?.Protocol;
      return typeof protocol === 'string' && protocol !== 'sqs'
        ? `fauxqs delivers to sqs subscriptions only, not ${protocol}`
        : undefined;
    },
    provision: async ({ applied: { TopicArn, Protocol, Endpoint, ...attributes }, clients }) => {
      // Subscribe is idempotent for the same topic, protocol, endpoint and attributes.
      const { SubscriptionArn: arn = '' } = await clients.sns.send(
        new SubscribeCommand({
          TopicArn: String(TopicArn),
          Protocol: String(Protocol),
          Endpoint: String(Endpoint),
          Attributes: stringAttributes(attributes),
          ReturnSubscriptionArn: true,
        }),
      );
      return { ref: arn, name: arn, arn, attributes: {} };
    },
  },
  'AWS::S3::Bucket': {
    nameProperty: 'BucketName',
    skipReason: (logicalId, resource) =>
      logicalId === 'ServerlessDeploymentBucket' && resource.Properties?.BucketName === undefined
        ? 'the Serverless Framework deployment bucket: nothing is deployed locally'
        : undefined,
    provision: async ({ name, clients, context: { region, partition } }) => {
      const bucketName = name.toLowerCase();
      const location =
        region === 'us-east-1'
          ? {}
          : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } };
      await unlessExists(
        clients.s3.send(new CreateBucketCommand({ Bucket: bucketName, ...location })),
        'BucketAlreadyOwnedByYou',
      );
      const arn = `arn:${partition}:s3:::${bucketName}`;
      const attributes = { Arn: arn, DomainName: `${bucketName}.s3.amazonaws.com` };
      return { ref: bucketName, name: bucketName, arn, attributes };
    },
  },
};

const NOT_EMULATED: ReadonlyArray<readonly [typePrefix: string, reason: string]> = [
  [
    'AWS::ApiGateway::',
    'API Gateway is not emulated: call the handlers directly or with serverless invoke local',
  ],
  ['AWS::IAM::', 'IAM is not enforced by the emulators'],
  ['AWS::CloudWatch::', 'metrics and alarms are not emulated'],
  ['AWS::Logs::', 'CloudWatch Logs is not emulated'],
  ['AWS::SecretsManager::', 'Secrets Manager is not emulated'],
  ['AWS::SQS::QueuePolicy', 'fauxqs does not enforce queue policies'],
  ['AWS::S3::BucketPolicy', 'fauxqs does not enforce bucket policies'],
  ['AWS::CloudFormation::', 'CloudFormation bookkeeping with nothing to create'],
];

/** Why a resource is not created locally, or undefined when it is. */
export const skipReason = (logicalId: string, resource: TemplateResource): string | undefined => {
  const handler = handlers[resource.Type];
  if (handler) return handler.skipReason?.(logicalId, resource);
  const known = NOT_EMULATED.find(([typePrefix]) => resource.Type.startsWith(typePrefix));
  return known?.[1] ?? `${resource.Type} is not emulated locally`;
};

/** Creates a planned resource in the emulators, or finds it when it already exists. */
export const provisionResource = async (
  { logicalId, type, properties }: PlannedResource,
  clients: AwsClients,
  context: ResolveContext,
): Promise<ProvisionedResource> => {
  try {
    const handler = handlers[type];
    if (!handler) throw new Error(`No local provisioner for ${type}`);
    const { nameProperty, applies = [] } = handler;
    const resolved = resolveValue(properties, context) as Record<string, unknown>;
    const name = (nameProperty && resolved[nameProperty]) ?? `${context.stackName}-${logicalId}`;
    if (typeof name !== 'string') throw new Error(`${logicalId}.${nameProperty} must be a string`);
    const present = Object.entries(resolved).filter(([, value]) => value !== undefined);
    const applied = Object.fromEntries(present.filter(([property]) => applies.includes(property)));
    const notEmulated = Object.keys(resolved).filter((p) => p !== nameProperty && !applies.includes(p));
    const created = await handler.provision({ name, applied, clients, context });
    return { logicalId, type, ...created, notEmulated };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not provision ${logicalId} (${type}): ${message}`, { cause: error });
  }
};
