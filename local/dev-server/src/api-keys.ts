import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomSecret } from './secrets';

export interface ApiKey {
  value: string;
  /** What API Gateway puts in requestContext.identity.apiKeyId: stable for a given key. */
  id: string;
}

// The template's API key secret is 40 characters without punctuation.
const API_KEY_LENGTH = 40;

const keyLine = (stage: string) => new RegExp(`^API_KEY_${stage.toUpperCase()}=(\\S+)$`, 'm');

export const apiKeyOf = (value: string): ApiKey => ({
  value,
  id: createHash('sha256').update(value).digest('hex').slice(0, 10),
});

const contentOf = (file: string | undefined) => (file && existsSync(file) ? readFileSync(file, 'utf8') : '');

/** The stage's API key in `file` (`API_KEY_LOCAL=...`), if it holds one. */
export const readApiKey = (stage: string, file: string): ApiKey | undefined => {
  const found = keyLine(stage).exec(contentOf(file))?.[1];
  return found ? apiKeyOf(found) : undefined;
};

/** Adds the stage's key line to `file` (created if missing, mode 600 as the deploy scripts write it). */
export const saveApiKey = (stage: string, file: string, apiKey: ApiKey): void => {
  const existing = contentOf(file);
  mkdirSync(path.dirname(file), { recursive: true });
  const line = `API_KEY_${stage.toUpperCase()}=${apiKey.value}\n`;
  writeFileSync(file, existing && !existing.endsWith('\n') ? `${existing}\n${line}` : existing + line, {
    mode: 0o600,
  });
};

/**
 * The stage's API key from `file` (`API_KEY_LOCAL=...`), generated and written there when the file
 * has none; in memory only when no file is given.
 */
export const loadOrCreateApiKey = (stage: string, file?: string): ApiKey => {
  const found = file ? readApiKey(stage, file) : undefined;
  if (found) return found;
  const apiKey = apiKeyOf(randomSecret(API_KEY_LENGTH));
  if (file) saveApiKey(stage, file, apiKey);
  return apiKey;
};

/** Compares in constant time, as a key check should. */
export const matchesApiKey = (apiKey: ApiKey, given: string | undefined): boolean => {
  if (given === undefined) return false;
  const [expected, actual] = [apiKey.value, given].map((value) =>
    createHash('sha256').update(value).digest(),
  );
  return timingSafeEqual(expected as Buffer, actual as Buffer);
};
