import { apiGatewayEvent } from '@bbws/dev-server';
import type { Context } from 'aws-lambda';
import { ProductNotFound } from '../../src/errors';
import { httpHandler } from '../../src/http/handler';
import { ok } from '../../src/http/responses';
import { createProductContract } from '../../src/validators/generated/operations';

const context = {
  awsRequestId: 'lambda-request',
  getRemainingTimeInMillis: () => 5000,
} as unknown as Context;
const LOCALHOST = '^http://(localhost|127[.]0[.]0[.]1)(:[0-9]{1,5})?$';

const handlerWith = (allowedOrigins: string | undefined, handler = async () => ok({ listed: true })) => {
  const previous = process.env.CORS_ALLOWED_ORIGINS;
  if (allowedOrigins === undefined) delete process.env.CORS_ALLOWED_ORIGINS;
  else process.env.CORS_ALLOWED_ORIGINS = allowedOrigins;
  try {
    return httpHandler(handler, createProductContract);
  } finally {
    if (previous === undefined) delete process.env.CORS_ALLOWED_ORIGINS;
    else process.env.CORS_ALLOWED_ORIGINS = previous;
  }
};

const request = (origin?: string, body = '{"name":"Lamp","price":1,"currency":"EUR"}') =>
  apiGatewayEvent({
    method: 'POST',
    resource: '/v1.0/products',
    path: '/v1.0/products',
    headers: { 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}) },
    body,
  });

describe('CORS on function answers', () => {
  it('names an allowed Origin and exposes the headers a client reads', async () => {
    const response = await handlerWith(LOCALHOST)(request('http://localhost:5173'), context);

    expect(response.headers).toMatchObject({
      'Access-Control-Allow-Origin': 'http://localhost:5173',
      'Access-Control-Expose-Headers': 'ETag, Location, x-amzn-RequestId',
      Vary: 'Origin',
    });
  });

  it('names the allowed Origin on error answers too: validation and domain errors', async () => {
    const invalid = await handlerWith(LOCALHOST)(request('http://127.0.0.1:8080', '{}'), context);
    const missing = await handlerWith(LOCALHOST, async () => {
      throw new ProductNotFound('p-1');
    })(request('http://127.0.0.1:8080'), context);

    expect([invalid.statusCode, missing.statusCode]).toEqual([400, 404]);
    expect(invalid.headers['Access-Control-Allow-Origin']).toBe('http://127.0.0.1:8080');
    expect(missing.headers['Access-Control-Allow-Origin']).toBe('http://127.0.0.1:8080');
  });

  it.each([
    ['another host', 'https://evil.example'],
    ['a look-alike host', 'http://localhost.evil.example'],
    ['https on localhost', 'https://localhost:5173'],
  ])('names no origin for %s', async (_, origin) => {
    const response = await handlerWith(LOCALHOST)(request(origin), context);

    expect(response.headers).not.toHaveProperty('Access-Control-Allow-Origin');
    expect(response.headers.Vary).toBe('Origin');
  });

  it.each([['none'], [''], [undefined]])(
    'adds no CORS header at all when the stage allows no origin (%p)',
    async (allowed) => {
      const response = await handlerWith(allowed)(request('http://localhost:5173'), context);

      expect(Object.keys(response.headers)).toEqual(['Content-Type']);
    },
  );
});
