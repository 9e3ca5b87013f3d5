import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

// `npm run local:aws`, run as the README has it: the command itself, in its own process.
const BIN = path.resolve(__dirname, '../../bin/local-aws.ts');

// A user's shell: without the SDK switch jest.setup.cjs sets for the tests themselves.
const userEnv = { ...process.env };
delete userEnv.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;

const localAws = (...args: string[]) => {
  const child = spawn(process.execPath, ['--import', 'tsx', BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: userEnv,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitCode = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    exitCode,
    output: () => output,
    printed: async (text: string) => {
      while (!output.includes(text)) {
        if (child.exitCode !== null) throw new Error(`Exited before printing "${text}":\n${output}`);
        await delay(50);
      }
    },
  };
};

describe('npm run local:aws', () => {
  it('prints its usage with --help', async () => {
    const run = localAws('--help');

    expect(await run.exitCode).toBe(0);
    expect(run.output()).toContain('Usage: npm run local:aws -- [options]');
  }, 30_000);

  it('refuses a port that is not one, naming the flag', async () => {
    const run = localAws('--port', 'abc');

    expect(await run.exitCode).toBe(1);
    expect(run.output().trim()).toBe('--port must be a port number, not abc');
  }, 30_000);

  it('provisions the emulators, prints how to reach them, and stops cleanly on Ctrl-C', async () => {
    const run = localAws('--port', '0', '--dynamodb-port', '0');
    try {
      await run.printed('Press Ctrl-C to stop.');
      const exported = Object.fromEntries(
        [...run.output().matchAll(/^export (\w+)=(.+)$/gm)].map(([, name, value]) => [name, value]),
      );
      const dynamodb = new DynamoDBClient({
        endpoint: exported.AWS_ENDPOINT_URL_DYNAMODB,
        region: exported.AWS_REGION,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      const { TableNames } = await dynamodb.send(new ListTablesCommand({}));
      dynamodb.destroy();

      expect(TableNames).toEqual(['products-local']);
      expect(run.output()).toMatch(/^ {2}ProductsTable +AWS::DynamoDB::Table +arn:aws:dynamodb:/m);
      expect(run.output()).toMatch(/^Not created locally \(\d+\):$/m);
      // The functions run on nodejs24.x: the SDK's warning about an older local Node is not printed.
      expect(run.output()).not.toContain('NodeVersionSupportWarning');

      run.child.kill('SIGINT');
      expect(await run.exitCode).toBe(0);
      expect(run.output()).toContain('SIGINT: stopping the emulators...');
    } finally {
      run.child.kill('SIGKILL');
    }
  }, 60_000);
});
