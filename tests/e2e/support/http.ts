import { setTimeout as delay } from 'node:timers/promises';
import type { RunningSystem } from '@bbws/dev-server';

export interface ApiResponse<TBody = unknown> {
  status: number;
  headers: Headers;
  body: TBody;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The API key to send: the system's by default, null for none. */
  apiKey?: string | null;
}

/** A client of the running API: `api('/v1.0/products?limit=5')`. */
export const apiClient =
  (system: () => RunningSystem) =>
  async <TBody = Record<string, unknown>>(
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<TBody>> => {
    const apiKey = options.apiKey === undefined ? system().apiKey : options.apiKey;
    const headers: Record<string, string> = { ...options.headers };
    if (apiKey !== null) headers['x-api-key'] = apiKey;
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${system().url}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body:
        typeof options.body === 'string' || options.body === undefined
          ? options.body
          : JSON.stringify(options.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : null) as TBody,
    };
  };

/**
 * Polls `check` until it returns a value other than undefined, for at most `timeoutMs`; then fails with
 * `description`. Bounded waiting for asynchronous effects, not an assertion about how long they take.
 */
export const eventually = async <T>(
  description: string,
  check: () => Promise<T | undefined>,
  { timeoutMs = 20_000, intervalMs = 100 } = {},
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Gave up after ${timeoutMs} ms waiting for ${description}`);
    await delay(intervalMs);
  }
};
