import '../support/env';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { MAX_BODY_BYTES } from '@bbws/core';
import { apiGatewayEvent } from '@bbws/dev-server';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../src/handler';
import { errorOf, fieldsNamedBy, invoke } from '../support/http';
import { invalidProductInputs, productInputWith, validProductInput } from '../support/products';

const sns = mockClient(SNSClient);

const JSON_CONTENT = { 'Content-Type': 'application/json' };

const postBody = (body: string | null, headers: Record<string, string> = JSON_CONTENT) =>
  invoke(
    handler,
    apiGatewayEvent({ method: 'POST', resource: '/v1.0/products', path: '/v1.0/products', headers, body }),
  );

beforeEach(() => {
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
});

describe('POST /v1.0/products body validation', () => {
  it.each(invalidProductInputs)(
    'refuses %s with a 400 naming the field and publishes nothing',
    async (_, body, fields) => {
      const response = await postBody(JSON.stringify(body));

      expect(response.statusCode).toBe(400);
      expect(errorOf(response).code).toBe('VALIDATION_FAILED');
      expect(new Set(fieldsNamedBy(response))).toEqual(new Set(fields));
      expect(sns).not.toHaveReceivedCommand(PublishCommand);
    },
  );

  it.each([
    ['the smallest valid product', { name: 'x', price: 0, currency: 'USD' }],
    ['the largest price', productInputWith({ price: 1e9 })],
    ['a price with two decimals', productInputWith({ price: 19.99 })],
    [
      'names, descriptions, categories, skus and URLs at their longest',
      productInputWith({
        name: 'n'.repeat(200),
        description: 'd'.repeat(2000),
        category: 'c'.repeat(100),
        sku: 's'.repeat(64),
        imageUrl: `https://images.example.com/${'p'.repeat(2021)}`,
      }),
    ],
  ])('accepts %s', async (_, body) => {
    const response = await postBody(JSON.stringify(body));

    expect(response.statusCode).toBe(202);
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
  });

  it('refuses a body that is not JSON with a 400 MALFORMED_JSON', async () => {
    const response = await postBody('{"name": "Moka Pot",');

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('MALFORMED_JSON');
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('refuses a missing body with a 400 naming the body', async () => {
    const response = await postBody(null);

    expect(response.statusCode).toBe(400);
    expect(fieldsNamedBy(response)).toEqual(['body']);
  });
});

describe('POST /v1.0/products content negotiation and limits', () => {
  it.each([
    ['text/plain', { 'Content-Type': 'text/plain' }],
    ['form data', { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['no content type', {}],
  ])('refuses %s with a 415 and publishes nothing', async (_, headers) => {
    const response = await postBody(JSON.stringify(validProductInput), headers);

    expect(response.statusCode).toBe(415);
    expect(errorOf(response).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it.each([
    ['an upper-case header name', { 'CONTENT-TYPE': 'application/json' }],
    ['a charset parameter', { 'content-type': 'application/json; charset=utf-8' }],
  ])('accepts JSON sent with %s', async (_, headers) => {
    const response = await postBody(JSON.stringify(validProductInput), headers);

    expect(response.statusCode).toBe(202);
  });

  it('refuses a body over 64 KiB with a 413 before parsing it', async () => {
    const oversized = JSON.stringify(productInputWith({ description: 'd'.repeat(MAX_BODY_BYTES) }));

    const response = await postBody(oversized);

    expect(response.statusCode).toBe(413);
    expect(errorOf(response).code).toBe('PAYLOAD_TOO_LARGE');
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('counts the body limit in bytes, not characters', async () => {
    const multiByteBody = productInputWith({ description: '€'.repeat(MAX_BODY_BYTES / 3 + 1) });

    const response = await postBody(JSON.stringify(multiByteBody));

    expect(response.statusCode).toBe(413);
  });

  it('lets a body of exactly 64 KiB through to validation', async () => {
    const padding = MAX_BODY_BYTES - JSON.stringify(productInputWith({ description: '' })).length;
    const atTheLimit = JSON.stringify(productInputWith({ description: 'd'.repeat(padding) }));

    const response = await postBody(atTheLimit);

    expect(Buffer.byteLength(atTheLimit)).toBe(MAX_BODY_BYTES);
    expect(response.statusCode).toBe(400);
    expect(fieldsNamedBy(response)).toEqual(['description']);
  });
});
