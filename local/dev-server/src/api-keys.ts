import { createHash, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
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

const sha256 = (value: string) => createHash('sha256').update(value).digest();

export const apiKeyOf = (value: string): ApiKey => ({
  value,
  id: sha256(value).toString('hex').slice(0, 10),
});

/**
 * The stage's API key from `file` (`API_KEY_LOCAL=...`); when the file has none, the one `create` gives (a new
 * random key by default), added to the file (created if missing, mode 600 as the deploy scripts write it).
 * In memory only when no file is given.
 */
export const loadOrCreateApiKey = (
  stage: string,
  file?: string,
  create = () => apiKeyOf(randomSecret(API_KEY_LENGTH)),
): ApiKey => {
  const existing = file && existsSync(file) ? readFileSync(file, 'utf8') : '';
  const found = keyLine(stage).exec(existing)?.[1];
  if (found) return apiKeyOf(found);
  const apiKey = create();
  if (!file) return apiKey;
  mkdirSync(path.dirname(file), { recursive: true });
  const separator = existing && !existing.endsWith('\n') ? '\n' : '';
  appendFileSync(file, `${separator}API_KEY_${stage.toUpperCase()}=${apiKey.value}\n`, { mode: 0o600 });
  return apiKey;
};

/** Compares in constant time, as a key check should. */
export const matchesApiKey = (apiKey: ApiKey, given: string | undefined): boolean =>
  given !== undefined && timingSafeEqual(sha256(apiKey.value), sha256(given));
