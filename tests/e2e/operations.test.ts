import { contracts } from '@bbws/core';
import { smokeTest } from '../../scripts/ops/smoke';
import { apiClient } from './support/http';
import { useSystem } from './support/system';

jest.setTimeout(60_000);

const sut = useSystem();
const api = apiClient(() => sut().system);

describe('npm run smoke -- --local', () => {
  it('creates, sees, updates and deletes a throw-away product, and reports each step', async () => {
    const lines: string[] = [];

    await smokeTest(
      { url: sut().system.url, apiKey: sut().system.apiKey },
      { log: (line) => lines.push(line) },
    );

    expect(lines).toEqual([
      'ok  create (202)',
      'ok  created product visible',
      'ok  update (202)',
      'ok  update applied',
      'ok  delete (204)',
      'ok  deleted product gone',
    ]);
  });

  it('fails with a readable reason when the API refuses it', async () => {
    const wrongKey = { url: sut().system.url, apiKey: 'not-the-key' };

    await expect(smokeTest(wrongKey, { log: () => undefined })).rejects.toThrow(
      'create: expected 202, got 403 {"message":"Forbidden"}',
    );
  });
});

describe('GET /v1.0/openapi.json on the local stack', () => {
  it('serves the API contract, pointed at the local endpoint, without an API key', async () => {
    const response = await api<{
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, unknown>;
    }>('/v1.0/openapi.json', { apiKey: null });

    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(response.body.servers).toEqual([{ url: '/', description: 'This local stack (npm start)' }]);
    // Every contract's path once, in the contracts' order ('/v1.0/products', '/v1.0/products/{productId}').
    expect(Object.keys(response.body.paths)).toEqual([
      ...new Set(Object.values(contracts).map((contract) => contract.path)),
    ]);
  });
});
