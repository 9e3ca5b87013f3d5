import type { TemplateResource } from '../template';
import { dynamodbTable } from './dynamodb-table';
import type { ResourceHandler } from './handler';
import { s3Bucket } from './s3-bucket';
import { snsSubscription } from './sns-subscription';
import { snsTopic } from './sns-topic';
import { sqsQueue } from './sqs-queue';

export type { ProvisionedResource, ResourceHandler } from './handler';

const handlers: Record<string, ResourceHandler> = {
  'AWS::DynamoDB::Table': dynamodbTable,
  'AWS::SNS::Topic': snsTopic,
  'AWS::SQS::Queue': sqsQueue,
  'AWS::SNS::Subscription': snsSubscription,
  'AWS::S3::Bucket': s3Bucket,
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

export const handlerFor = (type: string): ResourceHandler => {
  const handler = handlers[type];
  if (!handler) throw new Error(`No local provisioner for ${type}`);
  return handler;
};

/** Why a resource is not created locally, or undefined when it is. */
export const skipReason = (logicalId: string, resource: TemplateResource): string | undefined => {
  const handler = handlers[resource.Type];
  if (handler) return handler.skipReason?.(logicalId, resource);
  const known = NOT_EMULATED.find(([typePrefix]) => resource.Type.startsWith(typePrefix));
  return known?.[1] ?? `${resource.Type} is not emulated locally`;
};
