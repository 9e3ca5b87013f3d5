import type { CompiledSchema } from '../validators/compiled-schema';

/** An HTTP header an operation reads or answers with, as the OpenAPI document describes it. */
export interface HeaderDescription {
  readonly name: string;
  readonly description: string;
  readonly schema: object;
}

/** A success answer of an operation: its body schema (a component of the OpenAPI document) and headers. */
export interface SuccessResponse {
  readonly description: string;
  readonly body?: object;
  readonly headers?: readonly HeaderDescription[];
}

/** The statuses our own error bodies come with (ErrorBody); API Gateway's 403 and 429 come on every route. */
export type ErrorStatus = 400 | 404 | 409 | 412 | 413 | 415 | 422 | 500 | 503;

/**
 * One operation of the API, written once: its route, what it reads from a request and what it answers.
 * The function's `http` event (config/http-routes.js), its request validation (`httpHandler`), the
 * generated validators and the OpenAPI operation are derived from it.
 */
export interface OperationContract {
  /** Also the function's name in its serverless.yml; the service folder is its kebab-case form. */
  readonly operationId: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The resource path as API Gateway names it: `/v1.0/products/{productId}`. */
  readonly path: `/${string}`;
  readonly summary: string;
  readonly request: {
    /** Path parameters (every `{name}` of `path`), validated with string-to-number coercion. */
    readonly path?: object;
    /** Query string parameters, validated with coercion. */
    readonly query?: { readonly properties: Readonly<Record<string, object>> };
    /** The JSON body: `application/json` of at most 64 KiB, validated as is. */
    readonly body?: object;
    /** Headers the operation reads; the HTTP layer (core/src/http) parses them. */
    readonly headers?: readonly HeaderDescription[];
  };
  readonly responses: Readonly<Partial<Record<200 | 202 | 204 | 304, SuccessResponse>>>;
  /** Each error status the operation answers with, and the `error.code`s that come with it. */
  readonly errors: Readonly<Partial<Record<ErrorStatus, readonly string[]>>>;
}

/** A validate function as ajv compiles it and `@middy/validator` takes it as `eventSchema`. */
type Validate = CompiledSchema;

/** The generated validators of an operation's request: its body's, and its path and query's. */
export interface RequestValidators {
  readonly body?: Validate;
  readonly parameters?: Validate;
}

/** A contract with the validators generated from it: what `httpHandler` takes. */
export type ValidatedContract<C extends OperationContract = OperationContract> = C & {
  readonly validators: RequestValidators;
};

/** Binds a contract to its generated validators (core/src/validators/generated/operations.ts). */
export const withValidators = <C extends OperationContract>(
  contract: C,
  validators: RequestValidators,
): ValidatedContract<C> => ({ ...contract, validators });

/** The `{name}`s of a path template, in order. */
export const pathParameterNames = (path: string): string[] =>
  [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name ?? '');
