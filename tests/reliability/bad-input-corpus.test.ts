import { randomUUID } from 'node:crypto';
import { isErrorBody, productInputSchema, validateChangeEvent, type ChangeEvent } from '@bbws/core';
import { invalidFieldValues, withAlteredSignature } from '@bbws/testing';
import { apiClient } from '../e2e/support/http';
import {
  createProduct,
  goneProduct,
  productInput,
  visibleProduct,
  type ProductPage,
} from '../e2e/support/products';
import { loadCorpus, materialise, sentJson, type CorpusCase, type Placeholders } from './support/corpus';
import { sendRaw, type RawResponse } from './support/raw-http';
import { useReliabilitySystem } from './support/system';
import { tapTopic, type TopicTap } from './support/topic-tap';

// Every case of fixtures/bad-inputs.json over HTTP against a running system: the status and error the
// API owes it, and afterwards, from a queue of the test's own subscribed to the topic, proof that only the
// cases meant to be accepted published anything, one schema-valid event each.

jest.setTimeout(60_000);

const sut = useReliabilitySystem();
const api = apiClient(() => sut().system);
const corpus = loadCorpus();

/** Beside the corpus, every rule of every product field, from the schema: a new field is covered too. */
const fieldCases: CorpusCase[] = invalidFieldValues(productInputSchema).map(({ field, rule, value }) => ({
  name: `refuses a product whose ${field} breaks ${rule} (${JSON.stringify(value).slice(0, 24)}), naming ${field}`,
  request: { method: 'POST', path: '/v1.0/products', json: { ...productInput(), [field]: value } },
  expect: { status: 400, code: 'VALIDATION_FAILED', fields: [field] },
}));
const placeholders: Placeholders = {};
let tap: TopicTap;

interface Accepted {
  testCase: CorpusCase;
  productId: string;
}
const accepted: Accepted[] = [];

beforeAll(async () => {
  const [existingId, deletedId, disposableId] = await Promise.all(
    [0, 1, 2].map(() => createProduct(api, productInput())),
  );
  await Promise.all([existingId, deletedId, disposableId].map((id) => visibleProduct(api, id ?? '')));
  await api(`/v1.0/products/${deletedId}`, { method: 'DELETE' });
  await goneProduct(api, deletedId ?? '');
  const page = await api<ProductPage>('/v1.0/products?limit=1');
  const priceCursor = page.body.nextCursor ?? '';
  Object.assign(placeholders, {
    apiKey: sut().system.apiKey,
    apiKeyUpper: sut().system.apiKey.toUpperCase(),
    existingId,
    deletedId,
    disposableId,
    missingId: randomUUID(),
    priceCursor: encodeURIComponent(priceCursor),
    tamperedCursor: encodeURIComponent(withAlteredSignature(priceCursor)),
  });
  // Subscribed after the set-up, so it sees what the corpus publishes and nothing else.
  tap = await tapTopic(sut().aws, sut().resource('ProductEventsTopic').arn ?? '', `corpus-tap-${Date.now()}`);
});

const expectApiError = (response: RawResponse, expected: CorpusCase['expect']) => {
  const body = response.json as {
    error: { code: string; details: Array<{ field: string }>; requestId: string };
  };
  expect(isErrorBody(body)).toBe(true);
  expect(body.error.code).toBe(expected.code);
  expect([...new Set(body.error.details.map((detail) => detail.field))].sort()).toEqual(
    [...(expected.fields ?? [])].sort(),
  );
  expect(body.error.requestId).toBe(response.headers['x-amzn-requestid']);
};

const expectAnswer = (response: RawResponse, testCase: CorpusCase) => {
  const expected = testCase.expect;
  expect({ status: response.status, text: response.text.slice(0, 300) }).toMatchObject({
    status: expected.status,
  });
  if (expected.gateway !== undefined) expect(response.json).toEqual({ message: expected.gateway });
  if (expected.code !== undefined) expectApiError(response, expected);
};

const productIdOf = (testCase: CorpusCase, response: RawResponse): string => {
  if (testCase.expect.publishes === 'CREATE') return (response.json as { productId: string }).productId;
  return testCase.request.path.includes('{disposableId}')
    ? (placeholders.disposableId ?? '')
    : (placeholders.existingId ?? '');
};

describe('the bad-input corpus', () => {
  it('holds at least 60 cases, each with a behaviour for a name and an expected status', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    expect(new Set(corpus.map((testCase) => testCase.name)).size).toBe(corpus.length);
  });

  it.each(corpus.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const response = await sendRaw(sut().system.url, materialise(testCase.request, placeholders));

    expectAnswer(response, testCase);
    if (testCase.expect.publishes) accepted.push({ testCase, productId: productIdOf(testCase, response) });
  });

  it.each(fieldCases.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    expectAnswer(await sendRaw(sut().system.url, materialise(testCase.request, placeholders)), testCase);
  });

  it('published exactly one schema-valid event per accepted case, and nothing for any refused one', async () => {
    const published = (await tap.drain()).map((body) => validateChangeEvent(JSON.parse(body)));
    const summary = (event: Pick<ChangeEvent, 'eventType' | 'productId'>) =>
      `${event.eventType} ${event.productId}`;

    expect(published.map(summary).sort()).toEqual(
      accepted.map(({ testCase, productId }) => `${testCase.expect.publishes} ${productId}`).sort(),
    );
    expect(accepted.length).toBe(corpus.filter((testCase) => testCase.expect.publishes).length);
    for (const { testCase, productId } of accepted.filter(
      ({ testCase }) => testCase.expect.publishes !== 'DELETE',
    )) {
      const event = published.find(
        (candidate) => candidate.productId === productId && candidate.eventType !== 'DELETE',
      );
      expect(event && 'product' in event ? event.product : undefined).toEqual(
        sentJson(testCase.request, placeholders),
      );
    }
  });
});
