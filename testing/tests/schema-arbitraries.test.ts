import {
  changeEventSchema,
  productInputSchema,
  productSchema,
  validateChangeEvent,
  validateProduct,
  validateProductInput,
  type ValidationFailed,
} from '@bbws/core';
import fc from 'fast-check';
import {
  arbitraryFor,
  fuzzedBodies,
  invalidFieldValues,
  invalidValuesFor,
  sampleFor,
  sampleProductInput,
  type ObjectSchema,
} from '../src';

const fieldsNamed = (validate: (value: unknown) => unknown, value: unknown): string[] => {
  try {
    validate(value);
    return [];
  } catch (error) {
    return [...new Set((error as ValidationFailed).details.map((detail) => detail.field))];
  }
};

/** A copy of the product input schema with one more optional field, as the next change might add. */
const withBrand = {
  ...productInputSchema,
  properties: { ...productInputSchema.properties, brand: { type: 'string', minLength: 1, maxLength: 80 } },
} as const satisfies ObjectSchema;

describe('arbitraryFor', () => {
  it.each([
    ['product input', productInputSchema, validateProductInput],
    ['product', productSchema, validateProduct],
    ['change event', changeEventSchema, validateChangeEvent],
  ] as const)('draws only values core validates as a %s', (_name, schema, validate) => {
    fc.assert(
      fc.property(arbitraryFor(schema), (value) => {
        expect(fieldsNamed(validate, value)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('draws every property of the schema, optional ones included, and each change event type', () => {
    const drawn = fc.sample(arbitraryFor(changeEventSchema), { numRuns: 300, seed: 3 }) as Array<
      Record<string, unknown>
    >;

    expect(new Set(drawn.map((event) => event.eventType))).toEqual(new Set(['CREATE', 'UPDATE', 'DELETE']));
    const products = drawn.flatMap((event) => (event.product ? [event.product as object] : []));
    expect(new Set(products.flatMap((product) => Object.keys(product)))).toEqual(
      new Set(Object.keys(productInputSchema.properties)),
    );
  });

  it('draws a field added to a copy of the schema, within its rules', () => {
    const brands = fc
      .sample(arbitraryFor(withBrand), { numRuns: 200, seed: 5 })
      .map((input) => (input as { brand?: unknown }).brand)
      .filter((brand) => brand !== undefined);

    expect(brands.length).toBeGreaterThan(20);
    for (const brand of brands) {
      expect(typeof brand).toBe('string');
      expect([...(brand as string)].length).toBeGreaterThanOrEqual(1);
      expect([...(brand as string)].length).toBeLessThanOrEqual(80);
    }
  });
});

describe('invalidFieldValues', () => {
  const cases = invalidFieldValues(productInputSchema).map(
    ({ field, rule, value }) => [field, rule, value] as const,
  );

  it('breaks at least one rule of every field of the product input schema', () => {
    expect(new Set(cases.map(([field]) => field))).toEqual(
      new Set(Object.keys(productInputSchema.properties)),
    );
  });

  it.each(cases)(
    'makes core refuse %s (breaking %s with %j), naming that field only',
    (field, _rule, value) => {
      expect(fieldsNamed(validateProductInput, { ...sampleProductInput(), [field]: value })).toEqual([field]);
    },
  );

  it('breaks the rules of a field added to a copy of the schema', () => {
    expect(invalidFieldValues(withBrand).filter(({ field }) => field === 'brand')).toEqual(
      expect.arrayContaining([
        { field: 'brand', rule: 'minLength', value: '' },
        { field: 'brand', rule: 'maxLength', value: 'x'.repeat(81) },
      ]),
    );
  });

  it.each([
    [{ type: 'integer', minimum: 1 }, ['type', 'minimum']],
    [{ enum: ['price_asc', 'price_desc'] }, ['enum']],
    [{ type: 'string', format: 'date-time' }, ['type', 'format']],
  ] as const)('derives the rules of %j', (schema, rules) => {
    expect(new Set(invalidValuesFor(schema).map(({ rule }) => rule))).toEqual(new Set(rules));
  });
});

describe('fuzzedBodies', () => {
  it('draws valid bodies, nearly valid ones and ones with a field missing or extra', () => {
    const verdicts = fc
      .sample(fuzzedBodies(productInputSchema), { numRuns: 500, seed: 7 })
      .map((body) => fieldsNamed(validateProductInput, body));

    expect(verdicts.filter((fields) => fields.length === 0).length).toBeGreaterThan(50);
    for (const field of Object.keys(productInputSchema.properties)) {
      expect(verdicts.some((fields) => fields.includes(field))).toBe(true);
    }
  });

  it('fuzzes a field added to a copy of the schema: valid values and values that break it', () => {
    const bodies = fc.sample(fuzzedBodies(withBrand), { numRuns: 500, seed: 9 });
    const brands = bodies.map((body) => body.brand).filter((brand) => brand !== undefined);

    expect(brands.filter((brand) => typeof brand === 'string' && brand.length <= 80).length).toBeGreaterThan(
      50,
    );
    expect(brands.some((brand) => typeof brand !== 'string' || brand.length === 0 || brand.length > 80)).toBe(
      true,
    );
  });
});

describe('sampleFor', () => {
  it('gives a product input core accepts, the same on every call', () => {
    const sample = sampleFor(productInputSchema, 'product');

    expect(fieldsNamed(validateProductInput, sample)).toEqual([]);
    expect(Object.keys(sample as object)).toEqual(Object.keys(productInputSchema.properties));
    expect(sampleFor(productInputSchema, 'product')).toEqual(sample);
  });

  it('gives the required fields only when asked', () => {
    expect(Object.keys(sampleFor(productInputSchema, 'product', { optional: false }) as object)).toEqual([
      ...productInputSchema.required,
    ]);
  });

  it('names a readable value after its field, within the field rules', () => {
    expect((sampleFor(withBrand, 'product') as { brand: string }).brand).toBe('Sample brand');
  });

  it('gives a product core accepts', () => {
    expect(fieldsNamed(validateProduct, sampleFor(productSchema, 'product'))).toEqual([]);
  });
});
