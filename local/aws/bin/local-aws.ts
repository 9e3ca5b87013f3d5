import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultTemplatePath, portNumber, startLocalStack, stopOnSignals, type LocalStack } from '../src';

const USAGE = `Local AWS for the product API: dynalite (DynamoDB) and fauxqs (SQS, SNS, S3), provisioned from the
packaged infrastructure template.

Usage: npm run local:aws -- [options]

  --persist DIR         keep DynamoDB tables and items in DIR across restarts (fauxqs has no persistence;
                        queues, topics and the bucket are created again, empty, at each start)
  --port N              fauxqs port for SQS, SNS and S3 (default 4566, or LOCAL_AWS_PORT)
  --dynamodb-port N     dynalite port (default 4567, or LOCAL_DYNAMODB_PORT)
  --template FILE       packaged CloudFormation template (default: the infrastructure service's)
  --package             package the infrastructure template first, even if it exists
  -h, --help            show this help`;

const { values: options } = parseArgs({
  options: {
    persist: { type: 'string' },
    port: { type: 'string', default: process.env.LOCAL_AWS_PORT ?? '4566' },
    'dynamodb-port': { type: 'string', default: process.env.LOCAL_DYNAMODB_PORT ?? '4567' },
    template: { type: 'string' },
    package: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

// With the packager of npm run package and npm start, its progress lines and its check for warnings.
const packageTemplate = (): void => {
  const script = path.resolve(__dirname, '../../../scripts/package-all.mjs');
  const { status } = spawnSync(process.execPath, [script, '--only', 'infrastructure'], { stdio: 'inherit' });
  if (status !== 0) throw new Error(`Packaging the infrastructure template failed (exit code ${status})`);
};

const printStack = (stack: LocalStack, startupMs: number): void => {
  console.log(`\nEmulators up and provisioned in ${startupMs} ms.`);
  console.log('\n# Point the AWS SDK (and the AWS CLI) at them:');
  Object.entries(stack.env).forEach(([name, value]) => console.log(`export ${name}=${value}`));
  console.log('\nResources from the template:');
  Object.values(stack.resources).forEach(({ logicalId, type, url, arn, name }) =>
    console.log(`  ${logicalId.padEnd(30)} ${type.padEnd(24)} ${url ?? arn ?? name}`),
  );
  console.log(`\nNot created locally (${stack.skipped.length}):`);
  for (const reason of new Set(stack.skipped.map((skip) => skip.reason))) {
    const logicalIds = stack.skipped.filter((skip) => skip.reason === reason).map((skip) => skip.logicalId);
    console.log(`  ${reason}: ${logicalIds.join(', ')}`);
  }
  console.log('\nPress Ctrl-C to stop.');
};

const main = async (): Promise<void> => {
  if (options.help) return console.log(USAGE);
  // As npm start: Lambda runs nodejs24.x, so the SDK's warning about an older local Node is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const templatePath = options.template ?? defaultTemplatePath();
  if (options.package || (!options.template && !existsSync(templatePath))) packageTemplate();
  const startedAt = performance.now();
  const stack = await startLocalStack({
    templatePath,
    persistDir: options.persist && path.resolve(options.persist),
    awsPort: portNumber(options.port, '--port'),
    dynamodbPort: portNumber(options['dynamodb-port'], '--dynamodb-port'),
  });
  printStack(stack, Math.round(performance.now() - startedAt));
  stopOnSignals(() => stack.stop(), 'the emulators');
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
