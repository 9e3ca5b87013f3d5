import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { join } from 'node:path';
import { compose, localParams, repoRoot } from '../templates/support/templates';

// params.default of every function service (config/infrastructure-params.js), called as osls calls it.
interface ResolverContext {
  serviceDir: string;
  options: Record<string, unknown>;
  resolveVariable: (variable: string) => Promise<unknown>;
  resolveConfigurationProperty: (path: string[]) => Promise<unknown>;
}
const { resolveInfrastructureParams } = jest.requireActual<{
  resolveInfrastructureParams: (context: ResolverContext) => Promise<Record<string, string>>;
}>('../../config/infrastructure-params.js');

const cloudFormation = mockClient(CloudFormationClient);
const outputNames = [
  'RestApiId',
  'RestApiRootResourceId',
  'ProductResourceId',
  'ProductsTableName',
  'CorsAllowedOrigins',
  'TracingEnabled',
];
const stackOutputs = [
  ...outputNames.map((name) => ({ OutputKey: name, OutputValue: `dev-${name}` })),
  {
    OutputKey: 'ProductsTableArn',
    OutputValue: 'arn:aws:dynamodb:eu-west-1:111122223333:table/products-dev',
  },
  { OutputKey: 'AlertsTopicArn', OutputValue: 'arn:aws:sns:eu-west-1:111122223333:bbws-product-alerts-dev' },
];

const resolve = (
  service: string,
  stage: string,
  { param, stageParams }: { param?: string[]; stageParams?: object } = {},
) =>
  resolveInfrastructureParams({
    serviceDir: join(repoRoot, service),
    options: param ? { param } : {},
    resolveVariable: async (variable) =>
      ({ 'sls:stage': stage, 'self:provider.region': 'eu-west-1' })[variable as 'sls:stage'],
    resolveConfigurationProperty: async ([, key]) => (key === stage ? stageParams : undefined),
  });

beforeEach(() => cloudFormation.reset());

describe('the params a function service reads outside compose', () => {
  it('are the Outputs of bbws-product-infrastructure-<stage> under the names compose gives them', async () => {
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        { StackName: 'x', StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date(), Outputs: stackOutputs },
      ],
    });

    const params = await resolve('get-product', 'dev');

    expect(cloudFormation).toHaveReceivedCommandWith(DescribeStacksCommand, {
      StackName: 'bbws-product-infrastructure-dev',
    });
    expect(Object.keys(params).sort()).toEqual(
      Object.keys(compose.services['get-product']?.params ?? {}).sort(),
    );
    expect(params).toMatchObject({ restApiId: 'dev-RestApiId', productsTableName: 'dev-ProductsTableName' });
  });

  it('are not looked up under compose, which passes every one with --param', async () => {
    const given = Object.keys(compose.services['get-product']?.params ?? {}).map((name) => `${name}=x`);

    expect(await resolve('get-product', 'dev', { param: given })).toEqual({});
    expect(cloudFormation).not.toHaveReceivedCommand(DescribeStacksCommand);
  });

  it('are not looked up on the local stage, whose stand-ins need no AWS account', async () => {
    expect(await resolve('audit-logger', 'local', { stageParams: localParams })).toEqual({});
    expect(cloudFormation).not.toHaveReceivedCommand(DescribeStacksCommand);
  });

  it('stop, when the stack is missing, naming it, its stage and region, and the commands that deploy it', async () => {
    cloudFormation.on(DescribeStacksCommand).rejects(
      Object.assign(new Error('Stack with id bbws-product-infrastructure-sit does not exist'), {
        name: 'ValidationError',
      }),
    );

    const failure = resolve('list-products', 'sit');

    await expect(failure).rejects.toThrow(
      'The infrastructure stack bbws-product-infrastructure-sit does not exist in region eu-west-1 (stage sit): list-products reads its Outputs.',
    );
    await expect(failure).rejects.toThrow(
      'or deploy everything through compose:\n  npx serverless deploy --stage sit',
    );
    await expect(failure).rejects.toThrow(
      'cd infrastructure && npx serverless deploy --stage sit --region eu-west-1',
    );
  });

  it('stop, when the stack lacks an Output the service reads, naming it', async () => {
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        { StackName: 'x', StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date(), Outputs: stackOutputs },
      ],
    });

    await expect(resolve('audit-logger', 'dev')).rejects.toThrow(
      'has no Output ProductAuditQueueArn, AuditBucketName, which audit-logger reads',
    );
  });
});
