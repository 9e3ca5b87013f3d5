// The deploy paths without AWS, run by `npm run test:deploy` in one moto_server on loopback, on the stage
// `moto`: a real stage (function services read the real infrastructure Outputs, never the `local`
// stand-ins) with the two emulator allowances the `local` stage has in infrastructure/serverless.yml
// (direct deployments, an integration URI on the MOCK health method). Every step runs in a fresh checkout
// with no compose state of its own, one after the other, as a team would:
//   compose deploys everything (state to S3) -> path 1: one service removed and deployed again from its
//   own folder, reading the stack Outputs -> path 2: another removed and deployed again with
//   `serverless <service>:deploy` from a second checkout, through the remote state -> path 3: `info` and
//   `remove` by both routes -> `refresh-outputs` and `remove` of everything from a third checkout.
import {
  DescribeStackResourceCommand,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetFunctionConfigurationCommand, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { GetResourcesCommand } from '@aws-sdk/client-api-gateway';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { compose, loadTemplate, serviceYaml } from '../templates/support/templates';
import { awsClients, type DeployAws } from './support/aws';
import { freshCheckout, removeCheckouts } from './support/checkout';
import { motoServerPath, startMoto, type Moto } from './support/moto';
import { serverless, type Run, type Target } from './support/serverless';

const STAGE = 'moto';
const stackName = (service: string) =>
  `${(load(serviceYaml(service)) as { service: string }).service}-${STAGE}`;
const services = Object.keys(compose.services);

let moto: Moto;
let target: Target;
let aws: DeployAws;
const timings: [string, number][] = [];

const run = async (step: string, args: string[], cwd: string): Promise<Run> => {
  const result = await serverless(args, target, cwd);
  timings.push([step, result.seconds]);
  return result;
};
const outcome = (result: Run) => ({
  code: result.code,
  tail: result.code === 0 ? '' : result.output.slice(-3000),
});
const SUCCEEDED = { code: 0, tail: '' };

const statusOf = (service: string) =>
  aws.cloudFormation.send(new DescribeStacksCommand({ StackName: stackName(service) })).then(
    ({ Stacks = [] }) => Stacks[0]?.StackStatus ?? 'GONE',
    () => 'GONE',
  );
const GONE = expect.stringMatching(/^(GONE|DELETE_COMPLETE)$/);

let infrastructure: Stack | undefined;
const outputs = () =>
  Object.fromEntries(
    (infrastructure?.Outputs ?? []).map(({ OutputKey, OutputValue }) => [OutputKey, OutputValue]),
  );

/**
 * The Outputs compose keeps in its state, as text. Compose reads them from `serverless info` as YAML, so
 * an Output of 'true' is stored as a boolean; it hands it on as `--param name=true`, text again.
 */
const stateOutputsOf = (components: Record<string, { outputs?: Record<string, unknown> }>) =>
  Object.fromEntries(
    Object.entries(components.infrastructure?.outputs ?? {}).map(([name, value]) => [name, String(value)]),
  );

const environmentOf = async (functionName: string) =>
  (await aws.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }))).Environment
    ?.Variables ?? {};
const mappingsOf = async (functionName: string) =>
  ((await aws.lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings ?? []).filter(
    (mapping) => mapping.FunctionArn?.endsWith(`:function:${functionName}`),
  );
const methodsOfApi = async () => {
  const { items = [] } = await aws.apiGateway.send(
    new GetResourcesCommand({ restApiId: outputs().RestApiId, embed: ['methods'] }),
  );
  return Object.fromEntries(
    items.flatMap((resource) =>
      Object.entries(resource.resourceMethods ?? {}).map(([method, detail]) => [
        `${method} ${resource.path}`,
        detail.apiKeyRequired,
      ]),
    ),
  );
};

/** What compose keeps for the stage: bbws-product-api/<stage>/state.json in the bucket of its state stack. */
const composeState = async () => {
  const { StackResourceDetail } = await aws.cloudFormationStateRegion.send(
    new DescribeStackResourceCommand({
      StackName: 'serverless-compose-state',
      LogicalResourceId: 'ServerlessComposeRemoteStateBucket',
    }),
  );
  const object = await aws.s3StateRegion.send(
    new GetObjectCommand({
      Bucket: StackResourceDetail?.PhysicalResourceId,
      Key: `bbws-product-api/${STAGE}/state.json`,
    }),
  );
  return JSON.parse((await object.Body?.transformToString()) ?? '{}') as {
    components: Record<string, { outputs?: Record<string, unknown> }>;
  };
};

beforeAll(async () => {
  const binary = motoServerPath();
  if (!binary) throw new Error('moto_server is not installed (npm run test:deploy checks this first)');
  moto = await startMoto(binary);
  const guardLog = join(mkdtempSync(join(tmpdir(), 'deploy-path-')), 'non-loopback.log');
  writeFileSync(guardLog, '');
  target = { endpoint: moto.endpoint, guardLog };
  aws = awsClients(moto.endpoint);
}, 60_000);

afterAll(async () => {
  await moto?.stop();
  removeCheckouts();
  const total = timings.reduce((sum, [, seconds]) => sum + seconds, 0);
  process.stdout.write(
    `\nDeploy-path timings in moto (s):\n${timings.map(([step, seconds]) => `  ${seconds.toFixed(1).padStart(6)}  ${step}`).join('\n')}\n  ${total.toFixed(1).padStart(6)}  total\n`,
  );
});

describe('a function service on its own before its infrastructure exists', () => {
  it('stops naming the missing stack, its stage and region, and the command that deploys it', async () => {
    const checkout = freshCheckout('no-infrastructure');
    const packaged = await run(
      'list-products: package (no infrastructure)',
      ['package', '--stage', STAGE],
      join(checkout, 'list-products'),
    );

    expect(packaged.code).not.toBe(0);
    expect(packaged.output).toContain(
      `The infrastructure stack bbws-product-infrastructure-${STAGE} does not exist in region eu-west-1 (stage ${STAGE})`,
    );
    expect(packaged.output).toContain(
      `cd infrastructure && npx serverless deploy --stage ${STAGE} --region eu-west-1`,
    );
    expect(packaged.output).toContain(
      `or deploy everything through compose:\n  npx serverless deploy --stage ${STAGE}`,
    );
  }, 120_000);
});

describe('serverless deploy of the compose project from a fresh checkout, with empty compose state', () => {
  let deployed: Run;
  const stacks: Record<string, Stack | undefined> = {};

  beforeAll(async () => {
    deployed = await run(
      'compose: deploy (all eight)',
      ['deploy', '--stage', STAGE],
      freshCheckout('compose'),
    );
    for (const service of services) {
      const { Stacks = [] } = await aws.cloudFormation
        .send(new DescribeStacksCommand({ StackName: stackName(service) }))
        .catch(() => ({ Stacks: [] }));
      stacks[service] = Stacks[0];
    }
    infrastructure = stacks.infrastructure;
  }, 900_000);

  it('succeeds and brings every stack to a complete state', () => {
    expect(outcome(deployed)).toEqual(SUCCEEDED);
    for (const service of services) {
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

  it('passes the real infrastructure Outputs to the function services as params', async () => {
    const { ProductsTableName, ProductEventsTopicArn, AuditBucketName } = outputs();
    expect(ProductEventsTopicArn).not.toContain(':000000000000:');
    expect(await environmentOf(`bbws-update-product-${STAGE}-updateProduct`)).toMatchObject({
      PRODUCTS_TABLE_NAME: ProductsTableName,
      PRODUCT_EVENTS_TOPIC_ARN: ProductEventsTopicArn,
    });
    expect(await environmentOf(`bbws-audit-logger-${STAGE}-auditLogger`)).toMatchObject({
      AUDIT_BUCKET_NAME: AuditBucketName,
    });
    const [auditMapping] = await mappingsOf(`bbws-audit-logger-${STAGE}-auditLogger`);
    expect(auditMapping?.EventSourceArn).toBe(outputs().ProductAuditQueueArn);
  });

  it('puts every route on the shared REST API, each method requiring an API key', async () => {
    expect(await methodsOfApi()).toMatchObject({
      'GET /v1.0/products': true,
      'POST /v1.0/products': true,
      'GET /v1.0/products/{productId}': true,
      'PUT /v1.0/products/{productId}': true,
      'DELETE /v1.0/products/{productId}': true,
    });
  });

  it('creates the table with both indexes and the queues with their redrive', async () => {
    const { Table } = await aws.dynamodb.send(
      new DescribeTableCommand({ TableName: outputs().ProductsTableName }),
    );
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual([
      'ProductsByNameIndex',
      'ProductsByPriceIndex',
    ]);
    // moto's queue URLs name the real AWS host: look queues up by name through the moto endpoint.
    const { QueueUrl } = await aws.sqs.send(
      new GetQueueUrlCommand({ QueueName: `bbws-product-change-${STAGE}` }),
    );
    const { Attributes } = await aws.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );
    expect(JSON.parse(Attributes?.RedrivePolicy ?? '{}')).toMatchObject({ maxReceiveCount: 5 });
    expect(Number(Attributes?.VisibilityTimeout)).toBe(180);
  });

  it('keeps the compose state in S3, in the bucket of the serverless-compose-state stack, with every Output', async () => {
    const state = await composeState();
    expect(stateOutputsOf(state.components)).toEqual(outputs());
    expect(Object.keys(state.components).sort()).toEqual([...services].sort());
  });
});

describe('path 1, from a service folder: serverless remove, deploy and info in product-creator/', () => {
  const functionName = `bbws-product-creator-${STAGE}-productCreator`;
  let folder: string;
  let removed: Run;
  let removedStatus: string;
  let mappingsAfterRemove: unknown[];
  let deployed: Run;

  beforeAll(async () => {
    folder = join(freshCheckout('folder'), 'product-creator');
    removed = await run('product-creator/: remove', ['remove', '--stage', STAGE], folder);
    removedStatus = await statusOf('product-creator');
    mappingsAfterRemove = await mappingsOf(functionName);
    deployed = await run('product-creator/: deploy', ['deploy', '--stage', STAGE], folder);
  }, 600_000);

  it('removes the service stack with its event source mapping', () => {
    expect(outcome(removed)).toEqual(SUCCEEDED);
    expect(removedStatus).toEqual(GONE);
    expect(mappingsAfterRemove).toEqual([]);
  });

  it('deploys it again, its Lambda configured from the infrastructure stack Outputs', async () => {
    expect(outcome(deployed)).toEqual(SUCCEEDED);
    expect(await statusOf('product-creator')).toMatch(/^(CREATE|UPDATE)_COMPLETE$/);
    expect(await environmentOf(functionName)).toMatchObject({
      PRODUCTS_TABLE_NAME: outputs().ProductsTableName,
    });
  });

  it('attaches it to the change queue named by the Outputs, with partial batch failures', async () => {
    expect(await mappingsOf(functionName)).toEqual([
      expect.objectContaining({
        EventSourceArn: outputs().ProductChangeQueueArn,
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      }),
    ]);
  });

  it('shows the deployed service with serverless info', async () => {
    const info = await run('product-creator/: info', ['info', '--stage', STAGE], folder);
    expect(outcome(info)).toEqual(SUCCEEDED);
    expect(info.output).toContain(`stack: bbws-product-creator-${STAGE}`);
    expect(info.output).toContain('region: eu-west-1');
  }, 120_000);
});

describe('path 2, through the remote compose state from a second fresh checkout: get-product', () => {
  const functionName = `bbws-get-product-${STAGE}-getProduct`;
  let checkout: string;
  let removed: Run;
  let removedStatus: string;
  let functionAfterRemove: string;
  let deployed: Run;

  beforeAll(async () => {
    checkout = freshCheckout('remote-state');
    removed = await run('compose: get-product:remove', ['get-product:remove', '--stage', STAGE], checkout);
    removedStatus = await statusOf('get-product');
    functionAfterRemove = await environmentOf(functionName).then(
      () => 'present',
      (error: Error) => error.name,
    );
    deployed = await run('compose: get-product:deploy', ['get-product:deploy', '--stage', STAGE], checkout);
  }, 600_000);

  // Not checked: that the GET method leaves the shared REST API. moto deletes the stack and its Lambda
  // function but leaves the AWS::ApiGateway::Method of a deleted stack on the API (CloudFormation in AWS
  // deletes it); the redeploy below puts it back either way.
  it('removes it with serverless get-product:remove: its stack and its function', () => {
    expect(outcome(removed)).toEqual(SUCCEEDED);
    expect(removedStatus).toEqual(GONE);
    expect(functionAfterRemove).toBe('ResourceNotFoundException');
  });

  it('deploys it again with serverless get-product:deploy, params from the state', async () => {
    expect(outcome(deployed)).toEqual(SUCCEEDED);
    expect(await statusOf('get-product')).toMatch(/^(CREATE|UPDATE)_COMPLETE$/);
    expect(await environmentOf(functionName)).toMatchObject({
      PRODUCTS_TABLE_NAME: outputs().ProductsTableName,
    });
    expect(await methodsOfApi()).toHaveProperty(['GET /v1.0/products/{productId}'], true);
  });

  it('shows it with serverless get-product:info', async () => {
    const info = await run('compose: get-product:info', ['get-product:info', '--stage', STAGE], checkout);
    expect(outcome(info)).toEqual(SUCCEEDED);
    expect(info.output).toContain(`stack: bbws-get-product-${STAGE}`);
  }, 180_000);
});

describe('refresh-outputs and remove of everything from a third fresh checkout', () => {
  let checkout: string;

  beforeAll(() => {
    checkout = freshCheckout('remove');
  });

  it('refreshes every service’s Outputs into the state', async () => {
    const refreshed = await run('compose: refresh-outputs', ['refresh-outputs', '--stage', STAGE], checkout);
    expect(outcome(refreshed)).toEqual(SUCCEEDED);
    const { components } = await composeState();
    expect(stateOutputsOf(components)).toEqual(outputs());
    // Only the infrastructure's Outputs are compared: moto shows no Outputs for a stack updated by change set,
    // which is how osls deploys the function services (no service reads their Outputs).
    expect(Object.keys(components).sort()).toEqual([...services].sort());
  }, 600_000);

  it('removes every stack with serverless remove, without leaving loopback at any step', async () => {
    const removed = await run('compose: remove (all eight)', ['remove', '--stage', STAGE], checkout);

    expect(outcome(removed)).toEqual(SUCCEEDED);
    for (const service of services) expect([service, await statusOf(service)]).toEqual([service, GONE]);
    expect(readFileSync(target.guardLog, 'utf8')).toBe('');
  }, 900_000);
});
