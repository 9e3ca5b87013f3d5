import { transpileSchema } from '@middy/validator/transpile';
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

/**
 * Compiles a schema once (call it at module scope). Every schema in this codebase must be compiled here:
 * the `multipleOfPrecision` tolerance is what makes `multipleOf: 0.01` accept 19.99. A tolerance of 1e-4
 * of a cent is far above float error for prices up to 1e9 (about 1.5e-5) and far below the 0.1 of a cent
 * that a third decimal adds.
 */
export const compileSchema = (schema: object, { coerceTypes = false }: CompileOptions = {}): CompiledSchema =>
  transpileSchema(schema, { coerceTypes, multipleOfPrecision: 4 }) as unknown as CompiledSchema;

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
