import { setTimeout as delay } from 'node:timers/promises';
import { openApiDocument } from '@bbws/core';
import { compileSchema } from '../../core/src/validators/compile';
import { apiClient } from './support/http';
import { useSystem } from './support/system';

jest.setTimeout(60_000);

// The template's plan (50/s, burst 100, 100,000 a day) takes thousands of requests to exhaust; the same
// meter with small limits shows both 429s within seconds.
const sut = useSystem({ usagePlan: { rateLimit: 5, burstLimit: 8, quotaLimit: 20 } });
const api = apiClient(() => sut().system);
const ORIGIN = 'http://localhost:5173';

// What the OpenAPI document promises for each answer: the test holds the gateways and the document together.
const documented = openApiDocument();
const gatewayError = compileSchema(documented.components.schemas.GatewayError);
const listResponses = documented.paths['/v1.0/products'].get.responses as Record<string, unknown>;

describe('the usage plan, as API Gateway applies it', () => {
  it('answers a burst beyond the bucket with 429 Too Many Requests, in the documented shape, with CORS', async () => {
    const startedAt = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 24 }, () =>
        api<{ message: string }>('/v1.0/products?limit=1', { headers: { Origin: ORIGIN } }),
      ),
    );
    const elapsedSeconds = (Date.now() - startedAt) / 1000;
    const throttled = responses.filter((response) => response.status === 429);

    // The bucket holds 8 and refills at 5 a second while the burst is being answered.
    expect(responses.filter((response) => response.status === 200).length).toBeLessThanOrEqual(
      8 + Math.ceil(5 * elapsedSeconds),
    );
    expect(throttled.length).toBeGreaterThan(0);
    for (const response of throttled) {
      expect(response.body).toEqual({ message: 'Too Many Requests' });
      expect(response.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
      expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(gatewayError(response.body)).toBe(true);
    }
    expect(listResponses).toHaveProperty('429');
  });

  it('answers 429 Limit Exceeded once the quota is used up, however slowly the requests come', async () => {
    const statuses: Array<{ status: number; message?: string; errorType: string | null }> = [];
    for (
      let attempt = 0;
      attempt < 40 && !statuses.some((seen) => seen.message === 'Limit Exceeded');
      attempt += 1
    ) {
      const response = await api<{ message?: string }>('/v1.0/products?limit=1');
      statuses.push({
        status: response.status,
        message: response.body.message,
        errorType: response.headers.get('x-amzn-errortype'),
      });
      await delay(250);
    }
    const exceeded = statuses.at(-1);

    expect(exceeded).toEqual({ status: 429, message: 'Limit Exceeded', errorType: 'LimitExceededException' });
    expect(statuses.filter((seen) => seen.status === 200).length).toBeLessThanOrEqual(20);
  });

  it('never throttles the CORS preflight, which needs no key', async () => {
    const response = await fetch(`${sut().system.url}/v1.0/products`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN },
    });

    expect(response.status).toBe(204);
  });
});

describe('answers and the OpenAPI document', () => {
  it('documents the gateway 403 body as it is answered (function bodies: tests/reliability)', async () => {
    const forbidden = await api('/v1.0/products', { apiKey: 'wrong' });

    expect(forbidden.status).toBe(403);
    expect(gatewayError(forbidden.body)).toBe(true);
    expect(listResponses).toHaveProperty('403');
  });
});
