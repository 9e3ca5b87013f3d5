'use strict';

// `params.default` of every function service: `${file(../config/infrastructure-params.js)}`. It gives a
// service deployed on its own (`cd list-products && npx serverless deploy --stage dev`) the params that
// compose would pass: the Outputs of the deployed infrastructure stack of the same stage and region, under
// the names serverless-compose.yml maps them to. osls resolves `params.default` for every stage and every
// command, so it looks nothing up when nothing is missing: under compose (every param comes as `--param`)
// and on the `local` stage (`params.local`, config/local-params.yml) it returns no values and makes no call.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');

const root = path.join(__dirname, '..');
const OUTPUT_REFERENCE = /^\$\{infrastructure\.(\w+)\}$/;

const readYaml = (file) => yaml.load(readFileSync(path.join(root, file), 'utf8'));

/** The compose entry of the service whose folder osls runs in, with the Output each param reads. */
const composeEntryOf = (serviceDir) => {
  const compose = readYaml('serverless-compose.yml');
  const found = Object.entries(compose.services).find(
    ([, service]) => path.resolve(root, service.path) === serviceDir,
  );
  if (!found)
    throw new Error(`${serviceDir} is not a service of ${path.join(root, 'serverless-compose.yml')}`);
  const [name, { params = {} }] = found;
  const outputOf = Object.fromEntries(
    Object.entries(params).map(([param, reference]) => [param, OUTPUT_REFERENCE.exec(reference)?.[1]]),
  );
  return { name, outputOf };
};

const infrastructureStackName = (stage) => {
  const { service } = readYaml(path.join('infrastructure', 'serverless.yml'));
  return `${service}-${stage}`;
};

const cliParamNames = (option) =>
  new Set((Array.isArray(option) ? option : option ? [option] : []).map((entry) => entry.split('=')[0]));

/** An error that osls prints as it is (it prints a thrown error's stack). */
const failure = (message) => {
  const error = new Error(message);
  error.stack = message;
  return error;
};

const describeStack = async ({ stackName, stage, region, profile, service }) => {
  const { CloudFormationClient, DescribeStacksCommand } = require('@aws-sdk/client-cloudformation');
  const client = new CloudFormationClient({ region, ...(profile ? { profile } : {}) });
  // Not `serverless infrastructure:deploy`: compose resolves every service's params before running one, so
  // on a stage without infrastructure that command stops too.
  const deployIt =
    `Deploy it first, from the repository root:\n` +
    `  cd infrastructure && npx serverless deploy --stage ${stage} --region ${region}\n` +
    `or deploy everything through compose:\n` +
    `  npx serverless deploy --stage ${stage}`;
  try {
    const { Stacks = [] } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const [stack] = Stacks;
    if (!stack || /^(DELETE_COMPLETE|ROLLBACK_COMPLETE|CREATE_FAILED)$/.test(stack.StackStatus)) {
      throw failure(
        `The infrastructure stack ${stackName} (stage ${stage}, region ${region}) is ${stack?.StackStatus ?? 'missing'}: ` +
          `${service} reads its Outputs. ${deployIt}`,
      );
    }
    return stack;
  } catch (error) {
    if (error.name === 'ValidationError' && /does not exist/.test(error.message)) {
      throw failure(
        `The infrastructure stack ${stackName} does not exist in region ${region} (stage ${stage}): ` +
          `${service} reads its Outputs. ${deployIt}`,
      );
    }
    if (error.stack === error.message) throw error;
    throw failure(
      `Could not read the infrastructure stack ${stackName} (stage ${stage}, region ${region}) for ${service}: ` +
        `${error.name}: ${error.message}`,
    );
  } finally {
    client.destroy();
  }
};

/** The params of the service in `serviceDir` that nothing else supplies, read from the infrastructure stack. */
const resolveInfrastructureParams = async ({
  serviceDir,
  options,
  resolveVariable,
  resolveConfigurationProperty,
}) => {
  const stage = await resolveVariable('sls:stage');
  const { name, outputOf } = composeEntryOf(serviceDir);
  const given = cliParamNames(options.param);
  const stageParams = (await resolveConfigurationProperty(['params', stage])) ?? {};
  const missing = Object.keys(outputOf).filter((param) => !given.has(param) && stageParams[param] == null);
  if (missing.length === 0) return {};

  const region = await resolveVariable('self:provider.region');
  const stackName = infrastructureStackName(stage);
  const stack = await describeStack({
    stackName,
    stage,
    region,
    profile: options['aws-profile'],
    service: name,
  });
  const outputs = Object.fromEntries(
    (stack.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]),
  );
  const absent = missing.filter((param) => outputs[outputOf[param]] === undefined);
  if (absent.length > 0) {
    throw failure(
      `The infrastructure stack ${stackName} (stage ${stage}, region ${region}) has no Output ` +
        `${absent.map((param) => outputOf[param]).join(', ')}, which ${name} reads. ` +
        `Deploy the infrastructure of this checkout first: cd infrastructure && npx serverless deploy --stage ${stage} --region ${region}`,
    );
  }
  return Object.fromEntries(missing.map((param) => [param, outputs[outputOf[param]]]));
};

// osls runs serverless.yml's `${file()}` sources in the service's folder and passes no folder to them.
module.exports = (context) => resolveInfrastructureParams({ ...context, serviceDir: process.cwd() });
module.exports.resolveInfrastructureParams = resolveInfrastructureParams;
