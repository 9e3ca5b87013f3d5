import {
  isErrorBody,
  validateChangeEvent,
  validateProductInput,
  wholeCentPrice,
  type ChangeEvent,
  type ErrorBody,
  type ValidationFailed,
} from '@bbws/core';
import fc from 'fast-check';
import { apiClient } from '../e2e/support/http';
import { createProduct, productInput, visibleProduct } from '../e2e/support/products';
import {
  bodyTexts,
  listQueries,
  percentEncode,
  productBodies,
  productIdSegments,
} from './support/arbitraries';
import { sendRaw, type HeaderLines, type RawResponse } from './support/raw-http';
import { useReliabilitySystem } from './support/system';
import { tapTopic, type TopicTap } from './support/topic-tap';

// fast-check against the running endpoint: drawn bodies, query strings and product ids. Whatever is
// sent, the API answers with a status it documents and a well-formed body, never a 5xx; and every event
// that does get published (seen by a queue of the test's own on the topic) is schema-valid and carries
// exactly what was accepted. FUZZ_RUNS and FUZZ_SEED override the run count and the seed.

jest.setTimeout(120_000);

// An accepted body is published with its price in whole cents (a double within 1e-4 of a cent is that cent).
const asPublished = (product: unknown): unknown => {
  const { price } = product as { price?: unknown };
  return typeof price === 'number' ? { ...(product as object), price: wholeCentPrice(price) } : product;
};

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const settings = { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined };

const sut = useReliabilitySystem();
const api = apiClient(() => sut().system);
let tap: TopicTap;
let existing: string[] = [];

/** What each accepted request should have published: `EVENTTYPE productId` and, for writes, the body. */
const expectedEvents: Array<{ summary: string; product?: unknown }> = [];

beforeAll(async () => {
  existing = await Promise.all([0, 1, 2, 3].map(() => createProduct(api, productInput())));
  await Promise.all(existing.map((productId) => visibleProduct(api, productId)));
  tap = await tapTopic(sut().aws, sut().resource('ProductEventsTopic').arn ?? '', `fuzz-tap-${Date.now()}`);
});

const send = (method: string, path: string, headers: HeaderLines = [], body?: string) =>
  sendRaw(sut().system.url, {
    method,
    path,
    headers: [['x-api-key', sut().system.apiKey], ...headers],
    body: body === undefined ? undefined : Buffer.from(body, 'utf8'),
  });

const JSON_TYPE: HeaderLines = [['Content-Type', 'application/json']];

/** The answer is one the API documents for this request, with a body of the documented shape. */
const expectDocumented = (response: RawResponse, statuses: number[]) => {
  expect(response.status).toBeLessThan(500);
  expect(statuses).toContain(response.status);
  if (response.status === 403) expect(response.json).toEqual({ message: 'Missing Authentication Token' });
  else if (response.status >= 400) expect(isErrorBody(response.json)).toBe(true);
};

interface Verdict {
  status: number;
  code?: string;
  fields?: string[];
}

/** What the API owes a POST body (under 64 KiB), judged by core's own schema outside the HTTP chain. */
const schemaVerdict = (text: string): Verdict => {
  let body: unknown;
  try {
    // An empty body reaches the function as null, as API Gateway sends it.
    body = text === '' ? null : JSON.parse(text);
  } catch {
    return { status: 400, code: 'MALFORMED_JSON', fields: [] };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { status: 400, code: 'VALIDATION_FAILED', fields: ['body'] };
  }
  try {
    validateProductInput(body);
    return { status: 202 };
  } catch (error) {
    const fields = (error as ValidationFailed).details.map((detail) => detail.field);
    return { status: 400, code: 'VALIDATION_FAILED', fields: [...new Set(fields)].sort() };
  }
};

const answerOf = (response: RawResponse): Verdict => {
  if (response.status < 400) return { status: response.status };
  const { error } = response.json as ErrorBody;
  return {
    status: response.status,
    code: error.code,
    fields: [...new Set(error.details.map((detail) => detail.field))].sort(),
  };
};

/** JSON with keys sorted at every level, so that equal values compare equal as text. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : Number(a > b))))
      : item,
  );

describe('fuzzing the HTTP API', () => {
  it('answers each POST body exactly as the product schema judges it, never with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(bodyTexts, async (body) => {
        const response = await send('POST', '/v1.0/products', JSON_TYPE, body);

        expectDocumented(response, [202, 400]);
        expect(answerOf(response)).toEqual(schemaVerdict(Buffer.from(body, 'utf8').toString('utf8')));
        if (response.status !== 202) return;
        const { productId } = response.json as { productId: string };
        expectedEvents.push({ summary: `CREATE ${productId}`, product: asPublished(JSON.parse(body)) });
      }),
      settings,
    );
  });

  it('answers any listing query with 200 and a page, or 400 naming a parameter, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(listQueries, async (parameters) => {
        const query = parameters.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`);
        const response = await send('GET', `/v1.0/products?${query.join('&')}`);

        expectDocumented(response, [200, 400]);
        if (response.status === 200) {
          const page = response.json as { items: unknown; nextCursor: unknown };
          expect(
            Array.isArray(page.items) && (page.nextCursor === null || typeof page.nextCursor === 'string'),
          ).toBe(true);
        }
      }),
      settings,
    );
  });

  it('answers GET, PUT and DELETE on any product id with a documented status, never a 5xx', async () => {
    const requests = fc.record({
      method: fc.constantFrom('GET', 'PUT', 'DELETE'),
      productId: productIdSegments(existing),
      body: productBodies,
    });
    await fc.assert(
      fc.asyncProperty(requests, async ({ method, productId, body }) => {
        const text = method === 'PUT' ? JSON.stringify(body) : undefined;
        const response = await send(method, `/v1.0/products/${percentEncode(productId)}`, JSON_TYPE, text);

        // 403 and 200 arise when the id is `.` or `..`: URL dot segments move the request to another route.
        expectDocumented(response, [200, 202, 204, 400, 403, 404, 412]);
        if (response.status === 202)
          expectedEvents.push({ summary: `UPDATE ${productId}`, product: asPublished(body) });
        if (response.status === 202) expect(answerOf(response)).toEqual(schemaVerdict(text ?? ''));
        if (response.status === 204) expectedEvents.push({ summary: `DELETE ${productId}` });
      }),
      settings,
    );
  });

  it('published one schema-valid event per accepted request, carrying exactly the accepted body', async () => {
    const published: ChangeEvent[] = (await tap.drain()).map((body) => validateChangeEvent(JSON.parse(body)));
    const described = (summary: string, product: unknown) => `${summary} ${canonical(product ?? null)}`;

    expect(
      published
        .map((event) =>
          described(`${event.eventType} ${event.productId}`, 'product' in event ? event.product : null),
        )
        .sort(),
    ).toEqual(expectedEvents.map((event) => described(event.summary, event.product)).sort());
  });
});
