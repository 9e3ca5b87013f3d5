import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { httpHandler } from '../../src/http/handler';
import { actorOf, productLocation } from '../../src/http/request';
import { accepted } from '../../src/http/responses';
import { updateProductContract } from '../../src/validators/generated/operations';

// What `serverless invoke local --data '...'` hands a handler when someone writes the event by hand.
const context = {
  awsRequestId: 'invoke-local-request',
  getRemainingTimeInMillis: () => 5000,
} as unknown as Context;
const productId = '0b7c4a7e-1d2f-4c3b-9a8e-5f6d7c8b9a01';

const update = httpHandler(
  async (event: APIGatewayProxyEvent) =>
    accepted({ actor: actorOf(event) }, { Location: productLocation(event, productId) }),
  updateProductContract,
);
const invoke = (event: unknown) => update(event as APIGatewayProxyEvent, context);
const body = JSON.stringify({ name: 'Lamp', price: 10, currency: 'EUR' });

describe('a hand-written, partial event', () => {
  it.each([
    ['no body', { pathParameters: { productId } }],
    ['an empty object', {}],
    ['a bad id and no headers', { pathParameters: { productId: 'x' }, body }],
  ])('with %s is a 4xx saying what is wrong, never a 500', async (_, event) => {
    const response = await invoke(event);
    const { error } = JSON.parse(response.body) as { error: { code: string; requestId: string } };

    expect([400, 415]).toContain(response.statusCode);
    expect(['VALIDATION_FAILED', 'UNSUPPORTED_MEDIA_TYPE']).toContain(error.code);
    expect(error.requestId).toBe('invoke-local-request');
  });

  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['a list', []],
  ])('that is %s is a 400 saying it must be an API Gateway event', async (_, event) => {
    const response = await invoke(event);

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).error.details).toEqual([
      { field: '(event)', message: expect.stringContaining('API Gateway REST proxy event') },
    ]);
  });

  it('with just what the function reads is served, with the product path as Location', async () => {
    const response = await invoke({
      pathParameters: { productId },
      headers: { 'content-type': 'application/json' },
      body,
    });

    expect(response.statusCode).toBe(202);
    expect(response.headers.Location).toBe(`/v1.0/products/${productId}`);
    expect(JSON.parse(response.body).actor).toEqual({
      apiKeyId: 'none',
      sourceIp: 'unknown',
      requestId: 'invoke-local-request',
    });
  });
});
