import middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import { createError } from '@middy/util';
import validator from '@middy/validator';
import {
  ajvErrorsToDetails,
  DependencyUnavailable,
  InvalidCursor,
  MalformedJson,
  PayloadTooLarge,
  ProductNotFound,
  UnsupportedMediaType,
  ValidationFailed,
  VersionConflict,
  toErrorResponse,
} from '../../src/errors';
import { productInputSchema } from '../../src/schemas/product';
import { compileSchema } from '../../src/validators/compile';

const requestId = 'req-1';

const eventSchema = compileSchema({
  type: 'object',
  properties: { body: productInputSchema },
  required: ['body'],
});

// A real chain, so the mapping is tested against what middy actually throws.
const thrownByChain = async (event: Record<string, unknown>): Promise<unknown> => {
  const handler = middy(async () => ({ statusCode: 200 }))
    .use(httpJsonBodyParser())
    .use(validator({ eventSchema }));
  try {
    await handler(event as never, {} as never);
  } catch (error) {
    return error;
  }
  throw new Error('expected the chain to throw');
};

describe('toErrorResponse', () => {
  it.each([
    [new ValidationFailed([{ field: 'price', message: 'must be >= 0' }]), 400, 'VALIDATION_FAILED'],
    [new MalformedJson(), 400, 'MALFORMED_JSON'],
    [new InvalidCursor(), 400, 'INVALID_CURSOR'],
    [new ProductNotFound('p-1'), 404, 'PRODUCT_NOT_FOUND'],
    [new VersionConflict('p-1', 3), 412, 'VERSION_CONFLICT'],
    [new PayloadTooLarge(65536), 413, 'PAYLOAD_TOO_LARGE'],
    [new UnsupportedMediaType(), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [new DependencyUnavailable('sqs', { cause: new Error('throttled') }), 503, 'DEPENDENCY_UNAVAILABLE'],
  ])('maps %p to its status and code', (error, statusCode, code) => {
    const response = toErrorResponse(error, requestId);

    expect(response.statusCode).toBe(statusCode);
    expect(response.body.error).toEqual({ code, message: error.message, details: error.details, requestId });
  });

  it('names the product in a not-found message', () => {
    expect(toErrorResponse(new ProductNotFound('p-1'), requestId).body.error.message).toBe(
      'Product p-1 was not found',
    );
  });

  it('hides the internals of an unknown error behind a 500', () => {
    const response = toErrorResponse(new Error('connect ECONNREFUSED 10.0.0.1:443'), requestId);

    expect(response).toEqual({
      statusCode: 500,
      body: { error: { code: 'INTERNAL_ERROR', message: 'Internal server error', details: [], requestId } },
    });
  });

  it('treats a thrown non-error as internal', () => {
    expect(toErrorResponse('boom', requestId).statusCode).toBe(500);
  });

  it('hides an HTTP error that is not meant to be exposed', () => {
    const response = toErrorResponse(createError(500, 'Response object failed validation'), requestId);

    expect(response.body.error.code).toBe('INTERNAL_ERROR');
    expect(response.body.error.message).toBe('Internal server error');
  });

  it('keeps the status and message of an exposed HTTP error', () => {
    const response = toErrorResponse(createError(405, 'Method Not Allowed'), requestId);

    expect(response.statusCode).toBe(405);
    expect(response.body.error).toMatchObject({ code: 'METHOD_NOT_ALLOWED', message: 'Method Not Allowed' });
  });

  it('calls an exposed HTTP error of an unlisted status a bad request', () => {
    expect(toErrorResponse(createError(418, "I'm a Teapot"), requestId).body.error.code).toBe('BAD_REQUEST');
  });

  it('maps a body that is not JSON to 415 when the content type is wrong', async () => {
    const error = await thrownByChain({ headers: { 'content-type': 'text/plain' }, body: 'name=mug' });

    const response = toErrorResponse(error, requestId);

    expect(response.statusCode).toBe(415);
    expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('maps unparseable JSON to 400 rather than the parser’s 415', async () => {
    const error = await thrownByChain({ headers: { 'content-type': 'application/json' }, body: '{"name":' });

    const response = toErrorResponse(error, requestId);

    expect(response.statusCode).toBe(400);
    expect(response.body.error.code).toBe('MALFORMED_JSON');
  });

  it('maps a validator failure to 400 with the body’s field names', async () => {
    const body = JSON.stringify({ name: 'Mug', price: -5, currency: 'EUR', colour: 'blue' });
    const error = await thrownByChain({ headers: { 'content-type': 'application/json' }, body });

    const response = toErrorResponse(error, requestId);

    expect(response.statusCode).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details).toEqual([
      { field: 'colour', message: 'must NOT have additional properties' },
      { field: 'price', message: 'must be >= 0' },
    ]);
  });
});

describe('ajvErrorsToDetails', () => {
  it('names a missing property after the property', () => {
    const details = ajvErrorsToDetails([
      {
        instancePath: '/body',
        keyword: 'required',
        params: { missingProperty: 'currency' },
        message: 'is required',
      },
    ]);

    expect(details).toEqual([{ field: 'currency', message: 'is required' }]);
  });

  it('keeps the event part when the error is about the part itself', () => {
    const details = ajvErrorsToDetails([
      { instancePath: '', keyword: 'required', params: { missingProperty: 'body' } },
    ]);

    expect(details).toEqual([{ field: 'body', message: 'failed required' }]);
  });

  it('names a query-string parameter without its container', () => {
    const details = ajvErrorsToDetails([
      {
        instancePath: '/queryStringParameters/limit',
        keyword: 'maximum',
        params: {},
        message: 'must be <= 100',
      },
    ]);

    expect(details).toEqual([{ field: 'limit', message: 'must be <= 100' }]);
  });

  it('decodes escaped JSON-pointer segments', () => {
    const details = ajvErrorsToDetails([
      { instancePath: '/headers/a~1b~0c', keyword: 'type', params: {}, message: 'must be string' },
    ]);

    expect(details).toEqual([{ field: 'a/b~c', message: 'must be string' }]);
  });

  it('calls an error about the whole value the root', () => {
    const details = ajvErrorsToDetails([
      { instancePath: '', keyword: 'type', params: {}, message: 'must be object' },
    ]);

    expect(details).toEqual([{ field: '(root)', message: 'must be object' }]);
  });

  it('reports a repeated problem once', () => {
    const error = {
      instancePath: '',
      keyword: 'required',
      params: { missingProperty: 'product' },
      message: 'x',
    };

    expect(ajvErrorsToDetails([error, { ...error }])).toHaveLength(1);
  });
});
