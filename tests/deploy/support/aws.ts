import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

/** Clients of moto: the stage's region, and us-east-1 where compose keeps its state bucket's stack. */
export const awsClients = (endpoint: string) => {
  const config = {
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const stateRegion = { ...config, region: 'us-east-1' };
  return {
    cloudFormation: new CloudFormationClient(config),
    lambda: new LambdaClient(config),
    apiGateway: new APIGatewayClient(config),
    dynamodb: new DynamoDBClient(config),
    sqs: new SQSClient({ ...config, useQueueUrlAsEndpoint: false }),
    cloudFormationStateRegion: new CloudFormationClient(stateRegion),
    s3StateRegion: new S3Client({ ...stateRegion, forcePathStyle: true }),
  };
};

export type DeployAws = ReturnType<typeof awsClients>;
