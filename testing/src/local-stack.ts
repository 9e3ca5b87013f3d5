import { applyEnv } from './env';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '@bbws/local-aws';

export interface UseLocalStackOptions extends LocalStackOptions {
  /** Copy the stack's env into process.env for the file's tests (default true), so module-scope SDK clients reach it. */
  setProcessEnv?: boolean;
}

// Starting takes about a second; a cold jest worker also loads the AWS SDK first.
const START_TIMEOUT_MS = 30_000;

/**
 * Starts a provisioned local stack in the calling test file's beforeAll and stops it in its afterAll.
 * Returns a getter to call inside tests or hooks. Import handler modules after beforeAll (dynamic
 * `await import(...)`) when their SDK clients are built at module scope.
 */
export const useLocalStack = (options: UseLocalStackOptions = {}): (() => LocalStack) => {
  let stack: LocalStack | undefined;
  let restoreEnv = (): void => undefined;
  beforeAll(async () => {
    stack = await startLocalStack(options);
    if (options.setProcessEnv ?? true) restoreEnv = applyEnv(stack.env);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    restoreEnv();
    await stack?.stop();
  });
  return () => {
    if (!stack) throw new Error('The local stack starts in beforeAll: read it inside a test or a later hook');
    return stack;
  };
};
