import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What tools and tests read to find a running stack (.local/stack.json). */
export interface StackDescription {
  url: string;
  apiKey: string;
  stage: string;
  backend: string;
  region: string;
  /** AWS SDK configuration for the backend: AWS_ENDPOINT_URL_*, AWS_REGION, dummy credentials. */
  env: Record<string, string>;
  /** Physical names, ARNs and queue URLs by logical id. */
  resources: Record<string, { name: string; arn?: string; url?: string }>;
  pid: number;
  startedAt: string;
}

/** Writes the stack file, with this process's id and the time; returns what removes it. */
export const writeStackFile = (
  file: string,
  stack: Omit<StackDescription, 'pid' | 'startedAt'>,
): (() => void) => {
  const description: StackDescription = { ...stack, pid: process.pid, startedAt: new Date().toISOString() };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(description, null, 2)}\n`);
  return () => rmSync(file, { force: true });
};

// Signal 0 only checks that the process exists (EPERM: it does, under another user).
const isRunning = (pid: number): boolean => {
  try {
    return process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The stack `npm start` is running, from its stack file; a clear error when none is, including when the
 * file outlived its process (killed rather than stopped).
 */
export const readStackFile = (file: string): StackDescription => {
  let stack: StackDescription;
  try {
    stack = JSON.parse(readFileSync(file, 'utf8')) as StackDescription;
  } catch {
    throw new Error(`No running stack (${file} is missing): start one with npm start`);
  }
  if (!isRunning(stack.pid))
    throw new Error(
      `No running stack (process ${stack.pid} of ${file} has exited): start one with npm start`,
    );
  return stack;
};
