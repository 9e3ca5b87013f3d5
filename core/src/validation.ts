import { ajvErrorsToDetails, ValidationFailed } from './errors';
import type { AuditRecord, ChangeEvent } from './schemas/change-event';
import type { Product, ProductInput } from './schemas/product';
import type { CompiledSchema } from './validators/compiled-schema';
import * as generated from './validators/generated/plain';

// The validators are compiled from the schemas at build time (`npm run validators`, see
// validators/definitions.ts): a function loads plain validation code, no ajv compiler, and compiles
// nothing at cold start.

export type { CompiledSchema } from './validators/compiled-schema';

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
export const validatorFor = <T>(validate: CompiledSchema, message?: string): ((value: unknown) => T) => {
  return (value) => {
    if (!validate(value)) throw new ValidationFailed(ajvErrorsToDetails(validate.errors ?? []), message);
    return value as T;
  };
};

export const validateProductInput = /* @__PURE__ */ validatorFor<ProductInput>(generated.productInput);
export const validateProduct = /* @__PURE__ */ validatorFor<Product>(
  generated.product,
  'The product is not valid',
);
export const validateChangeEvent = /* @__PURE__ */ validatorFor<ChangeEvent>(
  generated.changeEvent,
  'The change event is not valid',
);
export const validateAuditRecord = /* @__PURE__ */ validatorFor<AuditRecord>(
  generated.auditRecord,
  'The audit record is not valid',
);
/** For tests and tools: whether a value is the body of a 4xx or 5xx response, with ajv's errors if not. */
export const isErrorBody: CompiledSchema = generated.errorBody;
