import { apiClient } from './support/http';
import { useSystem } from './support/system';

jest.setTimeout(30_000);

const sut = useSystem();
const api = apiClient(() => sut().system);
const APP = 'http://localhost:5173';

const preflight = (path: string, origin: string, method = 'POST') =>
  fetch(`${sut().system.url}${path}`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': method,
      'Access-Control-Request-Headers': 'content-type,x-api-key,idempotency-key',
    },
  });

describe('CORS on the local stage, as the packaged template configures it', () => {
  it.each([
    ['/v1.0/products', 'POST'],
    ['/v1.0/products/0b7c4a7e-1d2f-4c3b-9a8e-5f6d7c8b9a01', 'PUT'],
  ])(
    'answers the preflight of %s without a key and without a function, naming a localhost origin',
    async (path, method) => {
      const response = await preflight(path, APP, method);

      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(APP);
      expect(response.headers.get('access-control-allow-methods')).toContain(method);
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
        'idempotency-key',
      );
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-api-key');
      expect(response.headers.get('content-type')).toBeNull();
    },
  );

  it('names no origin in the preflight of a site that is not localhost', async () => {
    const response = await preflight('/v1.0/products', 'https://evil.example');

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('names the origin on function answers, success and error, and exposes ETag and Location', async () => {
    const listed = await api('/v1.0/products?limit=1', { headers: { Origin: 'http://127.0.0.1:8080' } });
    const refused = await api('/v1.0/products', { method: 'POST', body: {}, headers: { Origin: APP } });

    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
    expect(listed.headers.get('access-control-expose-headers')).toContain('Location');
    expect(refused.status).toBe(400);
    expect(refused.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it.each([
    ['a missing API key', '/v1.0/products', null, 'Forbidden'],
    ['an unknown path', '/v1.0/nothing-here', undefined, 'Missing Authentication Token'],
  ])('names the origin on the gateway 403 for %s', async (_, path, apiKey, message) => {
    const response = await api<{ message: string }>(path, { apiKey, headers: { Origin: APP } });

    expect(response.status).toBe(403);
    expect(response.body.message).toBe(message);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });
});

describe('the interactive reference served by the local system', () => {
  it('serves the page, its Swagger UI assets and the OpenAPI document under /reference/', async () => {
    const base = `${sut().system.url}/reference/`;
    const [page, bundle, document] = await Promise.all(
      ['', 'swagger-ui-bundle.js', 'openapi.json'].map((name) => fetch(`${base}${name}`)),
    );

    expect([page?.status, bundle?.status, document?.status]).toEqual([200, 200, 200]);
    expect(page?.headers.get('content-type')).toContain('text/html');
    expect(await page?.text()).toContain('SwaggerUIBundle');
    expect(((await document?.json()) as { paths: object }).paths).toHaveProperty(['/v1.0/products']);
  });
});
