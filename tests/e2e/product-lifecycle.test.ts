import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { createAwsClients, type AwsClients } from '@bbws/local-aws';
import { apiClient, eventually } from './support/http';
import {
  createProduct,
  goneProduct,
  productInput,
  visibleProduct,
  type Product,
  type ProductPage,
} from './support/products';
import { useSystem } from './support/system';

jest.setTimeout(30_000);

const sut = useSystem();
const api = apiClient(() => sut().system);
let aws: AwsClients;

/** Every change the API accepted (202/204), by product: what the audit bucket must hold once each. */
const accepted: Array<{ productId: string; eventType: string }> = [];

beforeAll(() => {
  aws = createAwsClients(sut().system.aws.env);
});
afterAll(() => aws.destroy());

const auditedChanges = async (productIds: string[]) => {
  const bucket = sut().system.aws.resources.AuditBucket?.name;
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await aws.s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'audit/', ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
    token = page.NextContinuationToken;
  } while (token);
  const ours = keys.filter((key) => productIds.some((productId) => key.includes(`/${productId}/`)));
  return Promise.all(
    ours.map(async (key) => {
      const object = await aws.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const record = JSON.parse((await object.Body?.transformToString()) ?? '{}') as {
        event: { productId: string; eventType: string; eventId: string };
      };
      return record.event;
    }),
  );
};

describe('a product through its life, over HTTP', () => {
  let productId: string;
  let created: Product;

  it('accepts a new product with 202 and a Location, then shows it once the consumer has applied it', async () => {
    const input = productInput({ price: 42.5 });
    const response = await api<{ productId: string; status: string }>('/v1.0/products', {
      method: 'POST',
      body: input,
    });
    productId = response.body.productId;
    accepted.push({ productId, eventType: 'CREATE' });

    expect(response.status).toBe(202);
    expect(response.body.status).toBe('PENDING');
    expect(response.headers.get('location')).toBe(`/${sut().system.stage}/v1.0/products/${productId}`);
    created = (await visibleProduct(api, productId)).body;
    expect(created).toMatchObject({ ...input, productId, version: 1, active: true });
  });

  it('serves the product with the ETag of its version, also at the Location with the stage prefix', async () => {
    const response = await api<Product>(`/v1.0/products/${productId}`);
    const byLocation = await api<Product>(`/${sut().system.stage}/v1.0/products/${productId}`);

    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(byLocation.body).toEqual(response.body);
  });

  it('answers a GET whose If-None-Match names the current ETag with 304, no body and no body type', async () => {
    const [same, listed, other] = await Promise.all(
      ['"1"', '"7", W/"1"', '"2"'].map((ifNoneMatch) =>
        api(`/v1.0/products/${productId}`, { headers: { 'If-None-Match': ifNoneMatch } }),
      ),
    );

    expect([same?.status, listed?.status, other?.status]).toEqual([304, 304, 200]);
    expect(same?.headers.get('etag')).toBe('"1"');
    expect(same?.headers.get('content-type')).toBeNull();
    expect(same?.body).toBeNull();
  });

  it('applies an update with a matching If-Match and then refuses the stale version with 412', async () => {
    const update = productInput({ name: created.name, price: 45 });
    const first = await api(`/v1.0/products/${productId}`, {
      method: 'PUT',
      body: update,
      headers: { 'If-Match': '"1"' },
    });
    accepted.push({ productId, eventType: 'UPDATE' });
    const updated = await visibleProduct(api, productId, 2);
    const stale = await api<{ error: { code: string } }>(`/v1.0/products/${productId}`, {
      method: 'PUT',
      body: update,
      headers: { 'If-Match': '"1"' },
    });

    expect(first.status).toBe(202);
    expect(first.headers.get('location')).toBe(`/${sut().system.stage}/v1.0/products/${productId}`);
    expect(updated.body).toMatchObject({ price: 45, version: 2 });
    expect(updated.headers.get('etag')).toBe('"2"');
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
  });

  it('applies an update whose If-Match list names the current ETag, and refuses its weak form', async () => {
    const body = productInput({ name: created.name, price: 46 });
    const weak = await api(`/v1.0/products/${productId}`, {
      method: 'PUT',
      body,
      headers: { 'If-Match': 'W/"2"' },
    });
    const response = await api(`/v1.0/products/${productId}`, {
      method: 'PUT',
      body,
      headers: { 'If-Match': '"1", "2"' },
    });
    accepted.push({ productId, eventType: 'UPDATE' });

    expect(weak.status).toBe(412);
    expect(response.status).toBe(202);
    expect((await visibleProduct(api, productId, 3)).body).toMatchObject({ price: 46, version: 3 });
  });

  it('deletes with 204, after which the product is 404 and absent from the listing and the name lookup', async () => {
    const response = await api(`/v1.0/products/${productId}`, { method: 'DELETE' });
    accepted.push({ productId, eventType: 'DELETE' });
    await goneProduct(api, productId);
    const byPrice = await api<ProductPage>('/v1.0/products?minPrice=46&maxPrice=46&limit=100');
    const byName = await api<ProductPage>(`/v1.0/products?name=${encodeURIComponent(created.name)}`);

    expect(response.status).toBe(204);
    expect(response.headers.get('content-type')).toBeNull();
    expect(byPrice.body.items.map((item) => item.productId)).not.toContain(productId);
    expect(byName.body.items).toEqual([]);
  });

  it('refuses to update or delete a deleted product with 404', async () => {
    const update = await api(`/v1.0/products/${productId}`, { method: 'PUT', body: productInput() });
    const removal = await api(`/v1.0/products/${productId}`, { method: 'DELETE' });

    expect([update.status, removal.status]).toEqual([404, 404]);
  });
});

describe('prices', () => {
  it('stores and returns a price with floating-point noise as its whole cent value', async () => {
    const input = productInput();
    const text = JSON.stringify(input).replace('"price":29.5', '"price":29.990000000000002');
    const response = await api<{ productId: string }>('/v1.0/products', { method: 'POST', body: text });
    accepted.push({ productId: response.body.productId, eventType: 'CREATE' });

    expect(response.status).toBe(202);
    expect((await visibleProduct(api, response.body.productId)).body.price).toBe(29.99);
  });

  it('refuses a price between cents with a 400 naming price', async () => {
    const response = await api<{ error: { details: Array<{ field: string }> } }>('/v1.0/products', {
      method: 'POST',
      body: productInput({ price: 29.995 }),
    });

    expect(response.status).toBe(400);
    expect(response.body.error.details.map((detail) => detail.field)).toEqual(['price']);
  });
});

describe('Idempotency-Key', () => {
  const freshKey = () => ({ 'Idempotency-Key': `e2e-${Date.now()}-${Math.random()}` });

  it('gives the same productId for the same key and never a second product', async () => {
    const input = productInput();
    const headers = freshKey();
    const first = await createProduct(api, input, headers);
    const second = await createProduct(api, input, headers);
    accepted.push({ productId: first, eventType: 'CREATE' }, { productId: second, eventType: 'CREATE' });
    await visibleProduct(api, first);
    const byName = await api<ProductPage>(`/v1.0/products?name=${encodeURIComponent(input.name)}`);

    expect(second).toBe(first);
    expect(byName.body.items.map((item) => item.productId)).toEqual([first]);
  });

  it('refuses the same key with another body with 422 IDEMPOTENCY_KEY_REUSED, and never applies it', async () => {
    const headers = freshKey();
    const input = productInput();
    const first = await createProduct(api, input, headers);
    accepted.push({ productId: first, eventType: 'CREATE' });
    const other = productInput();
    const reused = await api<{ error: { code: string } }>('/v1.0/products', {
      method: 'POST',
      body: other,
      headers,
    });
    await visibleProduct(api, first);
    const byName = await api<ProductPage>(`/v1.0/products?name=${encodeURIComponent(other.name)}`);

    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(byName.body.items).toEqual([]);
  });

  it('refuses a replay after the product was deleted with 409, not a 202 whose Location stays 404', async () => {
    const headers = freshKey();
    const input = productInput();
    const productId = await createProduct(api, input, headers);
    accepted.push({ productId, eventType: 'CREATE' });
    await visibleProduct(api, productId);
    await api(`/v1.0/products/${productId}`, { method: 'DELETE' });
    accepted.push({ productId, eventType: 'DELETE' });
    await goneProduct(api, productId);

    const replay = await api<{ error: { code: string } }>('/v1.0/products', {
      method: 'POST',
      body: input,
      headers,
    });

    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe('IDEMPOTENT_PRODUCT_DELETED');
  });
});

describe('audit trail', () => {
  it('holds every accepted change exactly once', async () => {
    const productIds = [...new Set(accepted.map((change) => change.productId))];
    const expected = accepted.map(({ productId, eventType }) => `${productId} ${eventType}`).sort();
    const audited = await eventually('every accepted change in the audit bucket', async () => {
      const events = await auditedChanges(productIds);
      return events.length >= accepted.length ? events : undefined;
    });

    expect(audited.map(({ productId, eventType }) => `${productId} ${eventType}`).sort()).toEqual(expected);
    expect(new Set(audited.map((event) => event.eventId)).size).toBe(audited.length);
  });
});
