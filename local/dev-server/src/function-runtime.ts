import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';

export interface RuntimeSpec {
  functionName: string;
  bundleDir: string;
  handler: string;
  timeoutSeconds: number;
  memorySize: number;
  region: string;
  accountId: string;
  /** The whole environment of the function's threads: nothing of this process's env leaks in. */
  env: Record<string, string>;
  /** Execution environments at most; invocations beyond wait for one to be free. */
  maxEnvironments: number;
  /** Each line the function writes to stdout or stderr. */
  onOutput?: (line: string) => void;
}

export interface InvocationError {
  errorType: string;
  errorMessage: string;
  stack?: string;
}

export type Invocation = { ok: true; result: unknown } | { ok: false; error: InvocationError };

export interface FunctionRuntime {
  invoke(event: unknown): Promise<Invocation>;
  /** Starts one environment and waits for its init, so configuration errors show at start-up. */
  warm(): Promise<void>;
  stop(): Promise<void>;
}

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'init-failed'; error: InvocationError }
  | { type: 'result'; result: unknown }
  | { type: 'error'; error: InvocationError };

interface Environment {
  worker: Worker;
  ready: Promise<void>;
  /** Settles the invocation in progress, if any. */
  settle?: (invocation: Invocation) => void;
}

const WORKER_FILE = path.join(__dirname, 'function-worker.mjs');

const initError = (spec: RuntimeSpec, error: InvocationError) =>
  new Error(`${spec.functionName} failed to initialise: ${error.errorType}: ${error.errorMessage}`);

const spawnEnvironment = (spec: RuntimeSpec, onExit: (environment: Environment) => void): Environment => {
  const worker = new Worker(WORKER_FILE, {
    workerData: {
      bundleDir: spec.bundleDir,
      handler: spec.handler,
      functionName: spec.functionName,
      memorySize: spec.memorySize,
      region: spec.region,
      accountId: spec.accountId,
    },
    env: spec.env,
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
      worker.once('message', (message: WorkerMessage) =>
        message.type === 'ready'
          ? resolve()
          : reject(initError(spec, (message as { error: InvocationError }).error)),
      );
      worker.once('exit', (code) =>
        reject(new Error(`${spec.functionName} exited (code ${code}) during init`)),
      );
    }),
  };
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'result') environment.settle?.({ ok: true, result: message.result });
    if (message.type === 'error') environment.settle?.({ ok: false, error: message.error });
  });
  worker.on('error', (error) =>
    environment.settle?.({
      ok: false,
      error: { errorType: 'Runtime.ExitError', errorMessage: error.message },
    }),
  );
  worker.on('exit', (code) => {
    environment.settle?.({
      ok: false,
      error: { errorType: 'Runtime.ExitError', errorMessage: `the environment exited (code ${code})` },
    });
    onExit(environment);
  });
  return environment;
};

const runOn = (spec: RuntimeSpec, environment: Environment, event: unknown): Promise<Invocation> =>
  new Promise((resolve) => {
    const timeoutMs = spec.timeoutSeconds * 1000;
    // A timed-out environment is thrown away, as Lambda resets it.
    const timer = setTimeout(() => {
      const errorMessage = `Task timed out after ${spec.timeoutSeconds.toFixed(2)} seconds`;
      environment.settle?.({ ok: false, error: { errorType: 'Sandbox.Timedout', errorMessage } });
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
export const functionRuntime = (spec: RuntimeSpec): FunctionRuntime => {
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
        await environment.ready.catch(async (error: unknown) => {
          await environment.worker.terminate();
          throw error;
        });
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
    invoke: async (event) => {
      let environment: Environment;
      try {
        environment = await acquire();
      } catch (error) {
        const errorMessage = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { errorType: 'Runtime.InitError', errorMessage } };
      }
      const invocation = await runOn(spec, environment, event);
      release(environment);
      return invocation;
    },
    warm: async () => release(await acquire()),
    stop: async () => {
      stopped = true;
      waiting.splice(0).forEach((wake) => wake());
      await Promise.all([...all].map((environment) => environment.worker.terminate()));
    },
  };
};
