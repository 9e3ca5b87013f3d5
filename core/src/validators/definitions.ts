import { auditRecordSchema, changeEventSchema, receivedChangeEventSchema } from '../schemas/change-event';
import { errorBodySchema } from '../schemas/error-body';
import { productInputSchema, productSchema } from '../schemas/product';
import { contracts, type OperationContract } from '../contracts';
import { productPathSchema } from '../schemas/requests';

// Every validator the code runs, by name, with the schema it is compiled from. `npm run validators`
// compiles them into ./generated at build time; core/tests/unit/validators-generated.test.ts fails when
// that code no longer matches these schemas.

/** The part of an API Gateway event that `httpHandler` validates, as Middy's validator sees the event. */
const requestSchema = (parts: Record<string, object>) => ({
  type: 'object',
  properties: parts,
  required: Object.keys(parts),
});

/**
 * Schemas that others embed, compiled once and called from each that embeds them (a `$ref` in the
 * generated code) instead of being inlined into every one: smaller bundles, the same errors.
 */
export const sharedSchemas = {
  productInput: productInputSchema,
  changeEvent: changeEventSchema,
  productPath: productPathSchema,
};

/** Validators that take values as they are: JSON bodies, messages, records. */
export const plainValidators = {
  productInput: productInputSchema,
  product: productSchema,
  changeEvent: changeEventSchema,
  receivedChangeEvent: receivedChangeEventSchema,
  auditRecord: auditRecordSchema,
  errorBody: errorBodySchema,
};

const byOperation = (
  partsOf: (request: OperationContract['request']) => Record<string, object | undefined>,
) =>
  Object.fromEntries(
    Object.values(contracts as Record<string, OperationContract>).flatMap(({ operationId, request }) => {
      const parts = Object.fromEntries(
        Object.entries(partsOf(request)).filter((part): part is [string, object] => part[1] !== undefined),
      );
      return Object.keys(parts).length === 0 ? [] : [[operationId, requestSchema(parts)]];
    }),
  );

/** Each operation's body validator (core/src/contracts), by operationId: JSON bodies are taken as they are. */
export const requestBodyValidators = byOperation(({ body }) => ({ body }));

/** Each operation's path and query validator, by operationId: they arrive as text, coerced to numbers. */
export const requestParameterValidators = byOperation(({ path, query }) => ({
  pathParameters: path,
  queryStringParameters: query,
}));
