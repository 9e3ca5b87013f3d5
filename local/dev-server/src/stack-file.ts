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

/** The stack `npm start` is running, from its stack file; a clear error when none is running. */
export const readStackFile = (file: string): StackDescription => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StackDescription;
  } catch {
    throw new Error(`No running stack (${file} is missing): start one with npm start`);
  }
};
