import type { ErrorBody, ErrorDetail } from './schemas/error-body';

/** An error the API reports to its caller as is: stable `code`, HTTP status and a safe message. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly statusCode: number;
  readonly details: ErrorDetail[];

  constructor(message: string, details: ErrorDetail[] = [], options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.details = details;
  }
}

export class ValidationFailed extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly statusCode = 400;

  constructor(details: ErrorDetail[], message = 'The request is not valid') {
    super(message, details);
  }
}

export class MalformedJson extends DomainError {
  readonly code = 'MALFORMED_JSON';
  readonly statusCode = 400;

  constructor() {
    super('The request body is not valid JSON');
  }
}

export class InvalidCursor extends DomainError {
  readonly code = 'INVALID_CURSOR';
  readonly statusCode = 400;

  constructor() {
    super('The cursor is not valid for this query', [
      { field: 'cursor', message: 'must be a cursor returned by the same query' },
    ]);
  }
}

export class ProductNotFound extends DomainError {
  readonly code = 'PRODUCT_NOT_FOUND';
  readonly statusCode = 404;

  constructor(readonly productId: string) {
    super(`Product ${productId} was not found`);
  }
}

export class VersionConflict extends DomainError {
  readonly code = 'VERSION_CONFLICT';
  readonly statusCode = 412;

  constructor(
    readonly productId: string,
    expectedVersions: number | readonly number[],
  ) {
    const versions = [expectedVersions].flat();
    super(
      versions.length === 0
        ? `Product ${productId} matches no ETag of If-Match (weak ETags never match it)`
        : `Product ${productId} is not at version ${versions.join(' or ')}`,
    );
  }
}

/** An Idempotency-Key is reused, before it expired, with a body other than the one it was first sent with. */
export class IdempotencyKeyReused extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  readonly statusCode = 422;

  constructor(readonly expiresAt: string) {
    super('This Idempotency-Key was used with a different body; send a new key for a different product', [
      {
        field: 'Idempotency-Key',
        message: `was first used with another body; it can name another after ${expiresAt}`,
      },
    ]);
  }
}

/** An Idempotency-Key is replayed for a product that has been deleted since: a new key creates it again. */
export class IdempotentProductDeleted extends DomainError {
  readonly code = 'IDEMPOTENT_PRODUCT_DELETED';
  readonly statusCode = 409;

  constructor(readonly productId: string) {
    super(
      `Product ${productId}, created with this Idempotency-Key, has been deleted; send a new key to create it again`,
      [{ field: 'Idempotency-Key', message: 'names a product that has been deleted' }],
    );
  }
}

export class PayloadTooLarge extends DomainError {
  readonly code = 'PAYLOAD_TOO_LARGE';
  readonly statusCode = 413;

  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes`);
  }
}

export class UnsupportedMediaType extends DomainError {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
  readonly statusCode = 415;

  constructor() {
    super('The request body must be application/json');
  }
}

/** A downstream service (queue, topic, table) failed; the caller may retry. `cause` keeps the original. */
export class DependencyUnavailable extends DomainError {
  readonly code = 'DEPENDENCY_UNAVAILABLE';
  readonly statusCode = 503;

  constructor(
    readonly dependency: string,
    options?: ErrorOptions,
  ) {
    super('A service the API depends on is unavailable; retry later', [], options);
  }
}

/** The part of an ajv `ErrorObject` the field naming needs. */
export interface AjvErrorLike {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  /** Present with ajv's `verbose` option: the schema holding the failed keyword. */
  parentSchema?: { description?: unknown };
}

// Middy validates the whole event; a caller knows `body.price` as `price`.
const EVENT_PARTS = new Set(['body', 'queryStringParameters', 'pathParameters', 'headers']);

const fieldOf = (error: AjvErrorLike): string => {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
  const { missingProperty, additionalProperty } = error.params;
  const property = missingProperty ?? additionalProperty;
  if (typeof property === 'string') segments.push(property);
  if (segments.length > 1 && EVENT_PARTS.has(segments[0] ?? '')) segments.shift();
  return segments.join('.') || '(root)';
};

// A pattern or a multipleOf says little to a caller; the property's description says what is expected.
const DESCRIBED_KEYWORDS = new Set(['pattern', 'multipleOf']);

const messageOf = ({ keyword, message, parentSchema }: AjvErrorLike): string => {
  const description = parentSchema?.description;
  if (DESCRIBED_KEYWORDS.has(keyword) && typeof description === 'string') return `must be ${description}`;
  return message ?? `failed ${keyword}`;
};

/** Turns ajv errors into `{ field, message }` pairs, one per distinct problem. */
export const ajvErrorsToDetails = (errors: readonly AjvErrorLike[]): ErrorDetail[] => {
  const details = new Map<string, ErrorDetail>();
  for (const error of errors) {
    const detail = { field: fieldOf(error), message: messageOf(error) };
    details.set(`${detail.field}\n${detail.message}`, detail);
  }
  return [...details.values()];
};

export interface ErrorResponse {
  statusCode: number;
  body: ErrorBody;
}

interface HttpErrorLike {
  statusCode: number;
  message: string;
  expose?: boolean;
  cause?: { package?: unknown; data?: unknown };
}

const isHttpError = (error: unknown): error is HttpErrorLike =>
  error instanceof Error && 'statusCode' in error && Number.isInteger(error.statusCode);

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
};

const INTERNAL_ERROR = { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' };

type Reported = Pick<DomainError, 'statusCode' | 'code' | 'message' | 'details'>;

const fromMiddyPackage = (error: HttpErrorLike): DomainError | undefined => {
  const { package: origin, data } = error.cause ?? {};
  if (origin === '@middy/validator' && error.statusCode === 400 && Array.isArray(data)) {
    return new ValidationFailed(ajvErrorsToDetails(data as AjvErrorLike[]));
  }
  if (origin === '@middy/http-json-body-parser') {
    // The parser answers 415 for a wrong content type and, less helpfully, for unparseable JSON too.
    return error.message === 'Unsupported Media Type' ? new UnsupportedMediaType() : new MalformedJson();
  }
  return undefined;
};

const fromHttpError = (error: HttpErrorLike): Reported => {
  const exposed = error.expose ?? error.statusCode < 500;
  if (!exposed || error.statusCode >= 500) return { ...INTERNAL_ERROR, details: [] };
  const code = HTTP_CODES[error.statusCode] ?? 'BAD_REQUEST';
  return (
    fromMiddyPackage(error) ?? { statusCode: error.statusCode, code, message: error.message, details: [] }
  );
};

const reportable = (error: unknown): Reported => {
  if (error instanceof DomainError) return error;
  if (isHttpError(error)) return fromHttpError(error);
  return { ...INTERNAL_ERROR, details: [] };
};

/** The one mapping from anything thrown to the API's error response; unknown errors reveal nothing. */
export const toErrorResponse = (error: unknown, requestId: string): ErrorResponse => {
  const { statusCode, code, message, details } = reportable(error);
  return { statusCode, body: { error: { code, message, details, requestId } } };
};
