import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import type { FunctionDefinition } from './services';

export interface RuntimeSpec extends Pick<
  FunctionDefinition,
  'functionName' | 'handler' | 'timeoutSeconds' | 'memorySize'
> {
  bundleDir: string;
  region: string;
  accountId: string;
  /** The function's and the backend's variables (Lambda's own are added): nothing of this process's env leaks in. */
  env: Record<string, string>;
  /** Execution environments at most; invocations beyond wait for one to be free. */
  maxEnvironments: number;
  /** Each line the function writes to stdout or stderr. */
  onOutput?: (line: string) => void;
}

export type Invocation =
  | { ok: true; result: unknown }
  | { ok: false; error: { errorType: string; errorMessage: string; stack?: string } };

interface Environment {
  worker: Worker;
  ready: Promise<void>;
  /** Settles the invocation in progress, if any. */
  settle?: (invocation: Invocation) => void;
}

const WORKER_FILE = path.join(__dirname, 'function-worker.mjs');

const failed = (errorType: string, errorMessage: string): Invocation => ({
  ok: false,
  error: { errorType, errorMessage },
});

// What Lambda's runtime sets; the worker builds each invocation's context from it, as Lambda's runtime does.
const lambdaEnv = ({ functionName, memorySize }: RuntimeSpec) => ({
  AWS_LAMBDA_FUNCTION_NAME: functionName,
  // As Lambda sets it: Powertools counts the ColdStart metric only for on-demand environments.
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memorySize),
  AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  // The functions run on nodejs24.x when deployed: the SDK's warning about an older local Node is noise.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

// The worker answers with Invocations (function-worker.mjs): its init's outcome first, then one per event.
const spawnEnvironment = (spec: RuntimeSpec, onExit: (environment: Environment) => void): Environment => {
  const { bundleDir, handler, functionName, region, accountId } = spec;
  const invokedFunctionArn = `arn:aws:lambda:${region}:${accountId}:function:${functionName}`;
  const worker = new Worker(WORKER_FILE, {
    workerData: { bundleDir, handler, invokedFunctionArn },
    env: { ...spec.env, ...lambdaEnv(spec) },
    stdout: true,
    stderr: true,
    // Lambda's memory setting bounds the heap too.
    resourceLimits: { maxOldGenerationSizeMb: spec.memorySize },
  });
  for (const stream of [worker.stdout, worker.stderr]) {
    createInterface({ input: stream }).on('line', (line) => spec.onOutput?.(line));
  }
  const environment: Environment = {
    worker,
    ready: new Promise((resolve, reject) => {
      worker.once('message', (init: Invocation) => {
        if (init.ok) return resolve();
        const { errorType, errorMessage } = init.error;
        void worker.terminate();
        reject(new Error(`${functionName} failed to initialise: ${errorType}: ${errorMessage}`));
      });
      worker.once('exit', (code) => reject(new Error(`${functionName} exited (code ${code}) during init`)));
    }),
  };
  worker.on('message', (invocation: Invocation) => environment.settle?.(invocation));
  worker.on('error', (error) => environment.settle?.(failed('Runtime.ExitError', error.message)));
  worker.on('exit', (code) => {
    environment.settle?.(failed('Runtime.ExitError', `the environment exited (code ${code})`));
    onExit(environment);
  });
  return environment;
};

const runOn = (spec: RuntimeSpec, environment: Environment, event: unknown): Promise<Invocation> =>
  new Promise((resolve) => {
    const timeoutMs = spec.timeoutSeconds * 1000;
    // A timed-out environment is thrown away, as Lambda resets it: the invocation settles once it has exited,
    // so that it is never handed to the next one.
    const timer = setTimeout(() => {
      const settle = environment.settle;
      const timedOut = `Task timed out after ${spec.timeoutSeconds.toFixed(2)} seconds`;
      environment.settle = () => settle?.(failed('Sandbox.Timedout', timedOut));
      void environment.worker.terminate();
    }, timeoutMs);
    environment.settle = (invocation) => {
      clearTimeout(timer);
      environment.settle = undefined;
      resolve(invocation);
    };
    environment.worker.postMessage({ event, requestId: randomUUID(), deadline: Date.now() + timeoutMs });
  });

/**
 * A function's execution environments: worker threads with the function's own env, each loading the
 * bundle once and running one invocation at a time, as Lambda does; at most `maxEnvironments`.
 */
export const functionRuntime = (spec: RuntimeSpec) => {
  const idle: Environment[] = [];
  const all = new Set<Environment>();
  const waiting: Array<() => void> = [];
  let stopped = false;

  const forget = (environment: Environment) => {
    all.delete(environment);
    const index = idle.indexOf(environment);
    if (index >= 0) idle.splice(index, 1);
    waiting.shift()?.();
  };

  const acquire = async (): Promise<Environment> => {
    for (;;) {
      if (stopped) throw new Error(`${spec.functionName} is stopped`);
      const free = idle.pop();
      if (free) return free;
      if (all.size < spec.maxEnvironments) {
        const environment = spawnEnvironment(spec, forget);
        all.add(environment);
        await environment.ready;
        return environment;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };

  const release = (environment: Environment) => {
    if (!all.has(environment)) return;
    idle.push(environment);
    waiting.shift()?.();
  };

  return {
    invoke: (event: unknown): Promise<Invocation> =>
      acquire().then(
        async (environment) => {
          const invocation = await runOn(spec, environment, event);
          release(environment);
          return invocation;
        },
        (error: unknown) =>
          failed('Runtime.InitError', error instanceof Error ? error.message : String(error)),
      ),
    /** Starts one environment and waits for its init, so configuration errors show at start-up. */
    warm: async () => release(await acquire()),
    stop: async () => {
      stopped = true;
      waiting.splice(0).forEach((wake) => wake());
      await Promise.all([...all].map((environment) => environment.worker.terminate()));
    },
  };
};

export type FunctionRuntime = ReturnType<typeof functionRuntime>;
