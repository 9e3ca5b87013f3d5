import { auditRecordSchema, changeEventSchema, receivedChangeEventSchema } from '../schemas/change-event';
import { errorBodySchema } from '../schemas/error-body';
import { productInputSchema, productSchema } from '../schemas/product';
import { listProductsQuerySchema, productPathSchema } from '../schemas/requests';

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
export const sharedSchemas = { productInput: productInputSchema, changeEvent: changeEventSchema };

/** Validators that take values as they are: JSON bodies, messages, records. */
export const plainValidators = {
  productInput: productInputSchema,
  product: productSchema,
  changeEvent: changeEventSchema,
  receivedChangeEvent: receivedChangeEventSchema,
  auditRecord: auditRecordSchema,
  errorBody: errorBodySchema,
  productBodyRequest: requestSchema({ body: productInputSchema }),
};

/** Validators that coerce strings to numbers and booleans: path and query parameters arrive as text. */
export const coercingValidators = {
  productPathRequest: requestSchema({ pathParameters: productPathSchema }),
  listProductsQueryRequest: requestSchema({ queryStringParameters: listProductsQuerySchema }),
};
