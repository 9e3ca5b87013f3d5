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

/**
 * The stage's API key from `file` (`API_KEY_LOCAL=...`), generated and written there when the file
 * has none; in memory only when no file is given.
 */
export const loadOrCreateApiKey = (stage: string, file?: string): ApiKey => {
  const existing = file && existsSync(file) ? readFileSync(file, 'utf8') : '';
  const found = keyLine(stage).exec(existing)?.[1];
  if (found) return apiKeyOf(found);
  const value = randomSecret(API_KEY_LENGTH);
  if (file) {
    mkdirSync(path.dirname(file), { recursive: true });
    const line = `API_KEY_${stage.toUpperCase()}=${value}\n`;
    writeFileSync(file, existing && !existing.endsWith('\n') ? `${existing}\n${line}` : existing + line);
  }
  return apiKeyOf(value);
};

/** Compares in constant time, as a key check should. */
export const matchesApiKey = (apiKey: ApiKey, given: string | undefined): boolean => {
  if (given === undefined) return false;
  const [expected, actual] = [apiKey.value, given].map((value) =>
    createHash('sha256').update(value).digest(),
  );
  return timingSafeEqual(expected as Buffer, actual as Buffer);
};
