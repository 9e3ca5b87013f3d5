import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HeaderLines, RawRequest } from './raw-http';

// The bad-input corpus (fixtures/bad-inputs.json): its shape, and how a case becomes bytes on the wire.

export interface CorpusRequest {
  method: string;
  path: string;
  /** Sent exactly when given; otherwise x-api-key and, with a body, a JSON content type. */
  headers?: HeaderLines;
  json?: unknown;
  raw?: string;
  /** Pad the body with trailing spaces to exactly this many bytes. */
  padTo?: number;
}

export interface CorpusExpectation {
  status: number;
  /** `error.code` of the API's JSON error body. */
  code?: string;
  /** The exact set of fields `error.details` names. */
  fields?: string[];
  /** The `message` of an answer the gateway makes itself (403). */
  gateway?: string;
  /** The change event an accepted case publishes. */
  publishes?: 'CREATE' | 'UPDATE' | 'DELETE';
}

export interface CorpusCase {
  name: string;
  request: CorpusRequest;
  expect: CorpusExpectation;
}

export const loadCorpus = (): CorpusCase[] =>
  (
    JSON.parse(readFileSync(path.join(__dirname, '../fixtures/bad-inputs.json'), 'utf8')) as {
      cases: CorpusCase[];
    }
  ).cases;

/** Values of the running system that cases refer to as `{name}`. */
export type Placeholders = Record<string, string>;

// `{text*N}`: text repeated N times; `{name}`: a placeholder.
const REPETITION = /\{([^{}]+?)\*(\d+)\}/gu;
const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

export const expand = (text: string, placeholders: Placeholders): string =>
  text
    .replace(REPETITION, (_match, unit: string, count: string) => unit.repeat(Number(count)))
    .replace(PLACEHOLDER, (match, name: string) => placeholders[name] ?? match);

const expandValue = (value: unknown, placeholders: Placeholders): unknown => {
  if (typeof value === 'string') return expand(value, placeholders);
  if (Array.isArray(value)) return value.map((item) => expandValue(item, placeholders));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, expandValue(item, placeholders)]),
    );
  }
  return value;
};

const bodyText = (request: CorpusRequest, placeholders: Placeholders): string | undefined => {
  if (request.raw !== undefined) return expand(request.raw, placeholders);
  if (request.json !== undefined) return JSON.stringify(expandValue(request.json, placeholders));
  return undefined;
};

const padded = (text: string, bytes: number | undefined): Buffer => {
  const body = Buffer.from(text, 'utf8');
  if (bytes === undefined) return body;
  if (body.length > bytes) throw new Error(`The body is already ${body.length} bytes, over padTo ${bytes}`);
  return Buffer.concat([body, Buffer.alloc(bytes - body.length, ' ')]);
};

/** The request a case describes, with its placeholders filled in. */
export const materialise = (request: CorpusRequest, placeholders: Placeholders): RawRequest => {
  const text = bodyText(request, placeholders);
  const defaults: HeaderLines = [['x-api-key', '{apiKey}']];
  if (text !== undefined) defaults.push(['content-type', 'application/json']);
  const headers = (request.headers ?? defaults).map(([name, value]): [string, string] => [
    name,
    expand(value, placeholders),
  ]);
  return {
    method: request.method,
    path: expand(request.path, placeholders),
    headers,
    body: text === undefined ? undefined : padded(text, request.padTo),
  };
};

/** The JSON body a case sends, for comparing with the product of the event it publishes. */
export const sentJson = (request: CorpusRequest, placeholders: Placeholders): unknown => {
  const text = bodyText(request, placeholders);
  return text === undefined ? undefined : JSON.parse(text);
};
