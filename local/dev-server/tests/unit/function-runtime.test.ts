import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { functionRuntime, type RuntimeSpec } from '../../src/function-runtime';

// A packaged bundle as the runtime loads it: CommonJS modules in a folder.
const HANDLERS = `
exports.handler = async (event, context) => {
  if (event.sleepMs) await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
  if (event.fail) throw new TypeError(event.fail);
  console.log('invoked ' + context.awsRequestId);
  return {
    event,
    functionName: context.functionName,
    memory: context.memoryLimitInMB,
    hasTimeLeft: context.getRemainingTimeInMillis() > 0,
    stage: process.env.STAGE,
    at: new Date(0),
  };
};
`;

let bundleDir: string;

beforeAll(() => {
  bundleDir = mkdtempSync(path.join(tmpdir(), 'function-runtime-'));
  writeFileSync(path.join(bundleDir, 'handler.js'), HANDLERS);
  writeFileSync(path.join(bundleDir, 'broken.js'), "throw new Error('no configuration');");
});

afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

const runtimes: Array<ReturnType<typeof functionRuntime>> = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((runtime) => runtime.stop()));
});

const runtimeOf = (spec: Partial<RuntimeSpec> = {}) => {
  const runtime = functionRuntime({
    functionName: 'bbws-test-local-fn',
    handler: 'handler.handler',
    timeoutSeconds: 5,
    memorySize: 256,
    bundleDir,
    region: 'eu-west-1',
    accountId: '000000000000',
    env: { STAGE: 'local' },
    maxEnvironments: 1,
    ...spec,
  });
  runtimes.push(runtime);
  return runtime;
};

describe('functionRuntime', () => {
  it('runs the handler with a Lambda context and the function env, and hands back its JSON', async () => {
    const lines: string[] = [];
    const runtime = runtimeOf({ onOutput: (line) => lines.push(line) });

    const invocation = await runtime.invoke({ id: 1 });

    expect(invocation).toEqual({
      ok: true,
      result: {
        event: { id: 1 },
        functionName: 'bbws-test-local-fn',
        memory: '256',
        hasTimeLeft: true,
        stage: 'local',
        at: '1970-01-01T00:00:00.000Z',
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines).toEqual([expect.stringMatching(/^invoked [0-9a-f-]{36}$/)]);
  });

  it('answers a handler error with its type and message', async () => {
    const invocation = await runtimeOf().invoke({ fail: 'bad input' });

    expect(invocation).toMatchObject({
      ok: false,
      error: { errorType: 'TypeError', errorMessage: 'bad input' },
    });
  });

  it('answers Runtime.InitError when the bundle fails to load, and warm() says why', async () => {
    const runtime = runtimeOf({ handler: 'broken.handler' });

    await expect(runtime.warm()).rejects.toThrow(
      'bbws-test-local-fn failed to initialise: Error: no configuration',
    );
    expect(await runtime.invoke({})).toEqual({
      ok: false,
      error: {
        errorType: 'Runtime.InitError',
        errorMessage: 'bbws-test-local-fn failed to initialise: Error: no configuration',
      },
    });
  });

  it('times an invocation out, and gives the invocation waiting for it a fresh environment', async () => {
    const runtime = runtimeOf({ timeoutSeconds: 0.5 });

    const [timedOut, next] = await Promise.all([
      runtime.invoke({ sleepMs: 5_000 }),
      runtime.invoke({ id: 2 }),
    ]);

    expect(timedOut).toEqual({
      ok: false,
      error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 0.50 seconds' },
    });
    expect(next).toMatchObject({ ok: true, result: { event: { id: 2 } } });
  });

  it('refuses invocations once stopped', async () => {
    const runtime = runtimeOf();
    await runtime.warm();
    await runtime.stop();

    expect(await runtime.invoke({})).toEqual({
      ok: false,
      error: { errorType: 'Runtime.InitError', errorMessage: 'bbws-test-local-fn is stopped' },
    });
  });
});
