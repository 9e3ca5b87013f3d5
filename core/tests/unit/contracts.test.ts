import { contracts, pathParameterNames, type OperationContract } from '../../src/contracts';
import {
  DependencyUnavailable,
  IdempotencyKeyReused,
  IdempotentProductDeleted,
  InvalidCursor,
  MalformedJson,
  PayloadTooLarge,
  ProductNotFound,
  toErrorResponse,
  UnsupportedMediaType,
  ValidationFailed,
  VersionConflict,
} from '../../src/errors';

const operations = Object.entries(contracts as Record<string, OperationContract>);

// What each error the API throws answers, through the one mapping (toErrorResponse).
const answered = [
  new ValidationFailed([]),
  new MalformedJson(),
  new InvalidCursor(),
  new ProductNotFound('p'),
  new VersionConflict('p', 1),
  new IdempotencyKeyReused('2026-01-01T00:00:00.000Z'),
  new IdempotentProductDeleted('p'),
  new PayloadTooLarge(1),
  new UnsupportedMediaType(),
  new DependencyUnavailable('table'),
  new Error('unexpected'),
].map((error) => {
  const { statusCode, body } = toErrorResponse(error, 'request-id');
  return `${statusCode} ${body.error.code}`;
});

describe('the operation contracts', () => {
  it.each(operations)('%s is listed under its own operationId', (key, contract) => {
    expect(contract.operationId).toBe(key);
  });

  it.each(operations)(
    '%s validates exactly the path parameters its path names',
    (_key, { path, request }) => {
      const schema = request.path as { properties?: object; required?: string[] } | undefined;

      expect(Object.keys(schema?.properties ?? {})).toEqual(pathParameterNames(path));
      expect(schema?.required ?? []).toEqual(pathParameterNames(path));
    },
  );

  it.each(operations)('%s names only error codes that come with their status', (_key, { errors }) => {
    const declared = Object.entries(errors).flatMap(([status, codes]) =>
      codes.map((code) => `${status} ${code}`),
    );

    expect(answered).toEqual(expect.arrayContaining(declared));
  });

  it('give each method and path to one operation', () => {
    const routes = operations.map(([, { method, path }]) => `${method} ${path}`);

    expect(new Set(routes).size).toBe(routes.length);
  });
});
