import { request as httpRequest } from 'node:http';

/** Header lines in the order and case they are sent; a name may repeat. */
export type HeaderLines = Array<[name: string, value: string]>;

export interface RawRequest {
  method: string;
  /** Path and query, sent as given (no encoding is added). */
  path: string;
  headers: HeaderLines;
  body?: Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

// Bounds every request: a stuck response fails the test instead of hanging it.
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * One HTTP/1.1 request with its header lines exactly as given (case, order, repeats): what fetch cannot
 * send, since it merges repeated names and lower-cases them.
 */
export const sendRaw = (baseUrl: string, raw: RawRequest): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    const url = new URL(baseUrl);
    // With header lines given as an array Node adds no Host line; HTTP/1.1 requires one.
    const lines: HeaderLines = [['Host', url.host], ...raw.headers];
    if (raw.body !== undefined) lines.push(['Content-Length', String(raw.body.length)]);
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: raw.method,
        path: raw.path,
        headers: lines.flat(),
        timeout: REQUEST_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json: parsed(text) });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`${raw.method} ${raw.path} timed out`)));
    request.on('error', reject);
    request.end(raw.body);
  });
