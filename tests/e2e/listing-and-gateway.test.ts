import { randomInt } from 'node:crypto';
import { withAlteredSignature } from '@bbws/testing';
import { apiClient } from './support/http';
import { allPages, createProduct, productInput, visibleProduct, type ProductPage } from './support/products';
import { useSystem } from './support/system';

jest.setTimeout(30_000);

const sut = useSystem();
const api = apiClient(() => sut().system);

// A price band of this run only, so the listing sees exactly these products even on a shared backend.
const base = randomInt(100_000, 900_000);
const prices = [base + 0.5, base + 3, base + 1.25, base + 7, base + 2, base + 5.99, base + 4, base + 6.5];
const band = `minPrice=${base}&maxPrice=${base + 10}`;
const created: Array<{ productId: string; name: string; price: number }> = [];

beforeAll(async () => {
  const inputs = prices.map((price) => productInput({ price }));
  const productIds = await Promise.all(inputs.map((input) => createProduct(api, input)));
  await Promise.all(productIds.map((productId) => visibleProduct(api, productId)));
  productIds.forEach((productId, index) =>
    created.push({ productId, ...(inputs[index] as { name: string; price: number }) }),
  );
});

const byPrice = (direction: 1 | -1) => [...created].sort((a, b) => direction * (a.price - b.price));

describe('listing', () => {
  it('pages through the band with limit: more than two pages, by price, no duplicates and no gaps', async () => {
    const pages = await allPages(api, `${band}&limit=3`);
    const listed = pages.flatMap((page) => page.items);

    expect(pages.length).toBeGreaterThan(2);
    expect(pages.slice(0, -1).every((page) => page.items.length === 3)).toBe(true);
    expect(listed.map((item) => item.productId)).toEqual(byPrice(1).map((product) => product.productId));
  });

  it('lists by price descending with sort=price_desc, across pages', async () => {
    const pages = await allPages(api, `${band}&limit=5&sort=price_desc`);

    expect(pages.flatMap((page) => page.items).map((item) => item.price)).toEqual(
      byPrice(-1).map((product) => product.price),
    );
  });

  it('keeps to minPrice and maxPrice, both inclusive', async () => {
    const [min, max] = [base + 2, base + 5.99];
    const pages = await allPages(api, `minPrice=${min}&maxPrice=${max}&limit=100`);

    expect(pages.flatMap((page) => page.items).map((item) => item.price)).toEqual(
      byPrice(1)
        .map((product) => product.price)
        .filter((price) => price >= min && price <= max),
    );
  });

  it('finds a product by its exact name, whatever the case', async () => {
    const [target] = created;
    const response = await api<ProductPage>(
      `/v1.0/products?name=${encodeURIComponent(target?.name.toUpperCase() ?? '')}`,
    );

    expect(response.status).toBe(200);
    expect(response.body.items.map((item) => item.productId)).toEqual([target?.productId]);
  });

  it('refuses a tampered cursor with 400', async () => {
    const first = await api<ProductPage>(`/v1.0/products?${band}&limit=2`);
    const cursor = first.body.nextCursor ?? '';
    const tampered = withAlteredSignature(cursor);
    const responses = await Promise.all(
      [tampered, 'not-a-cursor'].map((value) =>
        api(`/v1.0/products?${band}&limit=2&cursor=${encodeURIComponent(value)}`),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual([400, 400]);
  });
});

describe('the gateway', () => {
  it('answers 403 Forbidden without an API key or with a wrong one', async () => {
    const responses = await Promise.all([
      api('/v1.0/products', { apiKey: null }),
      api('/v1.0/products', { apiKey: 'not-the-key' }),
      api('/v1.0/products', { method: 'POST', body: productInput(), apiKey: null }),
    ]);

    expect(responses.map((response) => [response.status, response.body])).toEqual(
      Array(3).fill([403, { message: 'Forbidden' }]),
    );
  });

  it('answers an unknown path or method as API Gateway does', async () => {
    const responses = await Promise.all([
      api('/v1.0/orders'),
      api('/v1.0/products', { method: 'PATCH' }),
      api('/v1.0/products/a/b'),
    ]);

    expect(responses.map((response) => [response.status, response.body])).toEqual(
      Array(3).fill([403, { message: 'Missing Authentication Token' }]),
    );
  });
});

interface ErrorBody {
  error: { code: string; details: Array<{ field: string; message: string }>; requestId: string };
}

describe('bad requests', () => {
  const fieldsOf = (body: ErrorBody) => body.error.details.map((detail) => detail.field).sort();

  it('names every invalid field of a product body with 400', async () => {
    const response = await api<ErrorBody>('/v1.0/products', {
      method: 'POST',
      body: { name: ' ', price: 1.234, currency: 'euro', imageUrl: 'http://example.com/a.png' },
    });

    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(
      expect.arrayContaining(['currency', 'imageUrl', 'name', 'price']),
    );
    expect(response.body.error.requestId).toEqual(expect.any(String));
  });

  it('refuses unknown properties, invalid JSON, a wrong content type and an oversized body', async () => {
    const responses = await Promise.all([
      api('/v1.0/products', { method: 'POST', body: productInput({ colour: 'red' }) }),
      api('/v1.0/products', { method: 'POST', body: '{"name":' }),
      api('/v1.0/products', { method: 'POST', body: 'name=x', headers: { 'content-type': 'text/plain' } }),
      api('/v1.0/products', { method: 'POST', body: productInput({ description: 'x'.repeat(70 * 1024) }) }),
    ]);

    expect(responses.map((response) => response.status)).toEqual([400, 400, 415, 413]);
  });

  it('answers 400 for a malformed product id and bad query parameters, 404 for an unknown product', async () => {
    const responses = await Promise.all([
      api<ErrorBody>('/v1.0/products/not-a-uuid'),
      api<ErrorBody>('/v1.0/products?limit=0'),
      api<ErrorBody>('/v1.0/products?sort=name'),
      api<ErrorBody>('/v1.0/products/3f1c2b9e-8d7a-4c6b-9a5f-0e1d2c3b4a59'),
    ]);

    expect(responses.map((response) => response.status)).toEqual([400, 400, 400, 404]);
    expect(fieldsOf(responses[1]?.body ?? { error: { code: '', details: [], requestId: '' } })).toEqual([
      'limit',
    ]);
  });
});
