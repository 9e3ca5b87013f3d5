import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ajvErrorsToDetails, ValidationFailed, type AjvErrorLike } from './errors';
import {
  auditRecordSchema,
  changeEventSchema,
  type AuditRecord,
  type ChangeEvent,
} from './schemas/change-event';
import { productInputSchema, productSchema, type Product, type ProductInput } from './schemas/product';

/** An ajv validate function, as `@middy/validator` expects it. */
export interface CompiledSchema {
  (value: unknown): boolean;
  errors?: AjvErrorLike[] | null;
}

export interface CompileOptions {
  /** Coerce strings to numbers and booleans; wanted for query strings and path parameters only. */
  coerceTypes?: boolean;
}

// One ajv instance per coercion mode, made on first use. Middy's own `transpileSchema` builds a fresh
// instance with every keyword and format plugin for each schema, which cost 60 ms of cold start per schema.
const instances = new Map<boolean, Ajv2020>();

const ajvFor = (coerceTypes: boolean): Ajv2020 => {
  let ajv = instances.get(coerceTypes);
  if (!ajv) {
    // `multipleOfPrecision` is what makes `multipleOf: 0.01` accept 19.99 (1998.9999999999998 cents in
    // binary floating point). A tolerance of 1e-4 of a cent is far above float error for prices up to 1e9
    // (about 1.5e-5) and far below the 0.1 of a cent that a third decimal adds.
    // `verbose` hands the failing schema to error reporting, which explains patterns by their description.
    // `validateSchema: false` skips compiling the meta-schema at cold start (about 50 ms per instance);
    // the schemas are checked against it in core's unit tests instead.
    ajv = new Ajv2020({
      strict: true,
      allErrors: true,
      verbose: true,
      validateSchema: false,
      coerceTypes,
      multipleOfPrecision: 4,
    });
    addFormats(ajv, ['date-time', 'uri', 'uuid']);
    instances.set(coerceTypes, ajv);
  }
  return ajv;
};

/**
 * Compiles a schema once (call it at module scope); every schema in this codebase is compiled here. The
 * result is the validate function `@middy/validator` takes as `eventSchema`.
 */
export const compileSchema = (schema: object, { coerceTypes = false }: CompileOptions = {}): CompiledSchema =>
  ajvFor(coerceTypes).compile(schema) as CompiledSchema;

/** One validate function that runs every given one (none stops early) and reports all their errors. */
export const allOf = (validators: CompiledSchema[]): CompiledSchema => {
  const validate: CompiledSchema = (value) => {
    const results = validators.map((each) => each(value));
    validate.errors = validators.flatMap((each) => each.errors ?? []);
    return results.every(Boolean);
  };
  return validate;
};

/** Wraps a compiled schema as a function that returns the value typed, or throws ValidationFailed. */
export const validatorFor = <T>(schema: object, message?: string): ((value: unknown) => T) => {
  const validate = compileSchema(schema);
  return (value) => {
    if (!validate(value)) throw new ValidationFailed(ajvErrorsToDetails(validate.errors ?? []), message);
    return value as T;
  };
};

export const validateProductInput = /* @__PURE__ */ validatorFor<ProductInput>(productInputSchema);
export const validateProduct = /* @__PURE__ */ validatorFor<Product>(
  productSchema,
  'The product is not valid',
);
export const validateChangeEvent = /* @__PURE__ */ validatorFor<ChangeEvent>(
  changeEventSchema,
  'The change event is not valid',
);
export const validateAuditRecord = /* @__PURE__ */ validatorFor<AuditRecord>(
  auditRecordSchema,
  'The audit record is not valid',
);
