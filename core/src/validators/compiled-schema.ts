import type { AjvErrorLike } from '../errors';

/** A validate function as ajv compiles it and `@middy/validator` takes it as `eventSchema`. */
export interface CompiledSchema {
  (value: unknown): boolean;
  errors?: AjvErrorLike[] | null;
}
