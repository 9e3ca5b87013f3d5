// The deploy path without AWS: `serverless deploy --stage local` of the whole compose project into
// moto_server on loopback, then `serverless remove`. Run by `npm run test:deploy`.
import { APIGatewayClient, GetResourcesCommand } from '@aws-sdk/client-api-gateway';
import { CloudFormationClient, DescribeStacksCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
} from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose, loadTemplate, serviceYaml } from '../templates/support/templates';
import { motoServerPath, startMoto, type Moto } from './support/moto';
import { serverless, type Run } from './support/serverless';
import { load } from 'js-yaml';

const stackName = (service: string) => `${(load(serviceYaml(service)) as { service: string }).service}-local`;

let moto: Moto;
let deployed: Run;
let guardLog: string;
let stacks: Record<string, Stack>;
const clients = (endpoint: string) => {
  const config = {
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  return {
    cloudFormation: new CloudFormationClient(config),
    lambda: new LambdaClient(config),
    apiGateway: new APIGatewayClient(config),
    dynamodb: new DynamoDBClient(config),
    sqs: new SQSClient({ ...config, useQueueUrlAsEndpoint: false }),
  };
};
let aws: ReturnType<typeof clients>;

const outputs = () =>
  Object.fromEntries(
    (stacks.infrastructure?.Outputs ?? []).map(({ OutputKey, OutputValue }) => [
      OutputKey ?? '',
      OutputValue ?? '',
    ]),
  );

const environmentOf = async (functionName: string) =>
  (await aws.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }))).Environment
    ?.Variables ?? {};

beforeAll(async () => {
  const binary = motoServerPath();
  if (!binary) throw new Error('moto_server is not installed (npm run test:deploy checks this first)');
  moto = await startMoto(binary);
  aws = clients(moto.endpoint);
  guardLog = join(mkdtempSync(join(tmpdir(), 'deploy-path-')), 'non-loopback.log');
  writeFileSync(guardLog, '');
  deployed = await serverless(['deploy', '--stage', 'local'], moto.endpoint, guardLog);
  const described = await Promise.all(
    Object.keys(compose.services).map(async (service) => {
      const { Stacks = [] } = await aws.cloudFormation.send(
        new DescribeStacksCommand({ StackName: stackName(service) }),
      );
      return [service, Stacks[0] as Stack] as const;
    }),
  );
  stacks = Object.fromEntries(described);
}, 600_000);

afterAll(async () => {
  await moto?.stop();
});

describe('serverless deploy --stage local of the compose project into moto', () => {
  it('succeeds', () => {
    expect({ code: deployed.code, tail: deployed.code === 0 ? '' : deployed.output.slice(-3000) }).toEqual({
      code: 0,
      tail: '',
    });
  });

  it('brings every stack to a complete state', () => {
    for (const service of Object.keys(compose.services)) {
      expect([service, stacks[service]?.StackStatus]).toEqual([
        service,
        expect.stringMatching(/^(CREATE|UPDATE)_COMPLETE$/),
      ]);
    }
  });

  it('gives the infrastructure stack every Output its template declares', () => {
    const declared = Object.keys(loadTemplate('infrastructure').Outputs ?? {});
    expect(Object.keys(outputs()).sort()).toEqual(declared.sort());
  });

  it('passes the infrastructure Outputs to the function services as params (not the local stand-ins)', async () => {
    const { ProductsTableName, ProductEventsTopicArn, AuditBucketName } = outputs();
    expect(ProductEventsTopicArn).not.toContain(':000000000000:');
    expect(await environmentOf('bbws-get-product-local-getProduct')).toMatchObject({
      PRODUCTS_TABLE_NAME: ProductsTableName,
    });
    expect(await environmentOf('bbws-update-product-local-updateProduct')).toMatchObject({
      PRODUCTS_TABLE_NAME: ProductsTableName,
      PRODUCT_EVENTS_TOPIC_ARN: ProductEventsTopicArn,
    });
    expect(await environmentOf('bbws-audit-logger-local-auditLogger')).toMatchObject({
      AUDIT_BUCKET_NAME: AuditBucketName,
    });
  });

  it('attaches the consumers to their own queues with partial batch failures', async () => {
    const { EventSourceMappings = [] } = await aws.lambda.send(new ListEventSourceMappingsCommand({}));
    const byQueue = Object.fromEntries(
      EventSourceMappings.map((mapping) => [mapping.EventSourceArn, mapping]),
    );
    const { ProductChangeQueueArn = '', ProductAuditQueueArn = '' } = outputs();
    expect(byQueue[ProductChangeQueueArn]).toMatchObject({
      FunctionArn: expect.stringContaining('bbws-product-creator-local-productCreator'),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(byQueue[ProductAuditQueueArn]).toMatchObject({
      FunctionArn: expect.stringContaining('bbws-audit-logger-local-auditLogger'),
    });
  });

  it('puts every route on the shared REST API, each method requiring an API key', async () => {
    const { items = [] } = await aws.apiGateway.send(
      new GetResourcesCommand({ restApiId: outputs().RestApiId, embed: ['methods'] }),
    );
    const routes = items.flatMap((resource) =>
      Object.entries(resource.resourceMethods ?? {}).map(([method, detail]) => [
        `${method} ${resource.path}`,
        detail.apiKeyRequired,
      ]),
    );
    expect(Object.fromEntries(routes)).toMatchObject({
      'GET /v1.0/products': true,
      'POST /v1.0/products': true,
      'GET /v1.0/products/{productId}': true,
      'PUT /v1.0/products/{productId}': true,
      'DELETE /v1.0/products/{productId}': true,
    });
  });

  it('creates the table with both indexes and the queues with their redrive, looked up through moto', async () => {
    const { Table } = await aws.dynamodb.send(
      new DescribeTableCommand({ TableName: outputs().ProductsTableName }),
    );
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual([
      'ProductsByNameIndex',
      'ProductsByPriceIndex',
    ]);
    // moto's queue URLs name the real AWS host: look queues up by name through the moto endpoint.
    const { QueueUrl } = await aws.sqs.send(
      new GetQueueUrlCommand({ QueueName: 'bbws-product-change-local' }),
    );
    const { Attributes } = await aws.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );
    expect(JSON.parse(Attributes?.RedrivePolicy ?? '{}')).toMatchObject({ maxReceiveCount: 5 });
    expect(Number(Attributes?.VisibilityTimeout)).toBe(180);
  });

  it('made no connection beyond loopback', () => {
    expect(readFileSync(guardLog, 'utf8')).toBe('');
  });
});

describe('serverless remove --stage local', () => {
  const statusOf = (service: string) =>
    aws.cloudFormation.send(new DescribeStacksCommand({ StackName: stackName(service) })).then(
      ({ Stacks = [] }) => Stacks[0]?.StackStatus ?? 'GONE',
      () => 'GONE',
    );

  it('removes every stack, still without leaving loopback', async () => {
    const removed = await serverless(['remove', '--stage', 'local'], moto.endpoint, guardLog);

    expect(removed.code).toBe(0);
    for (const service of Object.keys(compose.services)) {
      expect([service, await statusOf(service)]).toEqual([
        service,
        expect.stringMatching(/^(GONE|DELETE_COMPLETE)$/),
      ]);
    }
    expect(readFileSync(guardLog, 'utf8')).toBe('');
  }, 300_000);
});
