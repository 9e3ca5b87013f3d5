import { ValidationFailed } from '../../src/errors';
import { validateProductInput, validatorFor } from '../../src/validation';
import { compileSchema } from '../../src/validators/compile';

const querySchema = {
  type: 'object',
  properties: { limit: { type: 'integer', minimum: 1, maximum: 100 } },
  additionalProperties: false,
} as const;

describe('compileSchema', () => {
  it('does not coerce types unless asked', () => {
    const validate = compileSchema(querySchema);

    expect(validate({ limit: '10' })).toBe(false);
  });

  it('coerces query-string values when asked', () => {
    const validate = compileSchema(querySchema, { coerceTypes: true });
    const query: Record<string, unknown> = { limit: '10' };

    expect(validate(query)).toBe(true);
    expect(query.limit).toBe(10);
  });

  it('rejects a schema with a keyword typo, as ajv strict mode does', () => {
    expect(() => compileSchema({ type: 'object', propertys: {} })).toThrow(/unknown keyword/);
  });
});

describe('validatorFor', () => {
  it('returns the value when it is valid', () => {
    const validateQuery = validatorFor<{ limit?: number }>(compileSchema(querySchema));

    expect(validateQuery({ limit: 5 })).toEqual({ limit: 5 });
  });

  it('throws ValidationFailed with a detail per field', () => {
    const act = () => validateProductInput({ name: '', price: 1.001, currency: 'eur', colour: 'blue' });

    expect(act).toThrow(ValidationFailed);
    expect(act).toThrow(
      expect.objectContaining({
        details: expect.arrayContaining([
          { field: 'name', message: 'must NOT have fewer than 1 characters' },
          { field: 'price', message: expect.stringMatching(/^must be a whole number of cents/) },
          { field: 'currency', message: 'must be an ISO 4217 code such as ZAR' },
          { field: 'colour', message: 'must NOT have additional properties' },
        ]),
      }),
    );
  });

  it('uses the message it was given', () => {
    const validateQuery = validatorFor(compileSchema(querySchema), 'The query is not valid');

    expect(() => validateQuery({ limit: 0 })).toThrow('The query is not valid');
  });
});
