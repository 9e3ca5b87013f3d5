import fc from 'fast-check';
import {
  fitsLength,
  isObjectSchema,
  matchesPattern,
  oneOfVariants,
  typesOf,
  type ObjectSchema,
  type Schema,
  type SchemaObject,
} from './schema';

// fast-check arbitraries for the values a schema accepts, drawn widely (any script, emoji, line breaks
// where allowed, the bounds of every range), from the keywords core's schemas use.

/** Longest text drawn for a field, whatever its maxLength: long enough for the validator's edges. */
const DRAWN_TEXT_LENGTH = 120;

const NON_ASCII_PROBE = 'Ünïcödé 日本語 🙂';
const LINE_BREAK_PROBE = 'one\ntwo\tthree\r\n';

const textWithBreaks = (maxLength: number) =>
  fc.string({
    unit: fc.oneof(
      { weight: 9, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('\n', '\t', '\r\n'),
      },
    ),
    maxLength,
  });

/** Candidate texts: the pattern's own language where fast-check can read it, wide Unicode where it allows. */
const candidateTexts = (schema: SchemaObject): fc.Arbitrary<string>[] => {
  const maxLength = Math.min(schema.maxLength ?? DRAWN_TEXT_LENGTH, DRAWN_TEXT_LENGTH);
  const minLength = Math.min(schema.minLength ?? 0, maxLength);
  const candidates: fc.Arbitrary<string>[] = [];
  try {
    if (schema.pattern !== undefined) candidates.push(fc.stringMatching(new RegExp(schema.pattern)));
  } catch {
    // A pattern fast-check cannot generate from (a lookahead): the filtered arbitraries below cover it.
  }
  if (schema.pattern === undefined || matchesPattern(schema, NON_ASCII_PROBE)) {
    candidates.push(fc.string({ unit: 'grapheme', minLength, maxLength }));
  }
  if (schema.pattern === undefined || matchesPattern(schema, LINE_BREAK_PROBE)) {
    candidates.push(textWithBreaks(maxLength));
  }
  if (candidates.length === 0) candidates.push(fc.string({ minLength, maxLength }));
  return candidates;
};

const FORMATS: Record<string, fc.Arbitrary<string>> = {
  'date-time': fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2099-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString()),
  uuid: fc.uuid(),
  uri: fc.webUrl({ validSchemes: ['https', 'http'], withQueryParameters: true, withFragments: true }),
};

const texts = (schema: SchemaObject): fc.Arbitrary<string> => {
  const formatted = schema.format === undefined ? undefined : FORMATS[schema.format];
  const drawn = formatted ? [formatted] : candidateTexts(schema);
  return fc.oneof(...drawn).filter((text) => fitsLength(schema, text) && matchesPattern(schema, text));
};

/** Numbers in range; with `multipleOf`, whole multiples of it (0.01: whole cents), and the bounds themselves. */
const numbers = (schema: SchemaObject, integer: boolean): fc.Arbitrary<number> => {
  const minimum = schema.minimum ?? -1e6;
  const maximum = schema.maximum ?? 1e6;
  const step = schema.multipleOf ?? (integer ? 1 : undefined);
  if (step === undefined) return fc.double({ min: minimum, max: maximum, noNaN: true });
  // Dividing by the step's inverse, when it is whole, gives the closest double: 1999 / 100 is 19.99.
  const inverse = Math.round(1 / step);
  const scale = (multiple: number) =>
    Math.abs(inverse * step - 1) < 1e-12 ? multiple / inverse : multiple * step;
  const multiples = fc
    .integer({ min: Math.ceil(minimum / step), max: Math.floor(maximum / step) })
    .map(scale);
  return fc.oneof(
    { weight: 9, arbitrary: multiples },
    { weight: 1, arbitrary: fc.constantFrom(minimum, maximum) },
  );
};

const objects = (schema: ObjectSchema): fc.Arbitrary<Record<string, unknown>> => {
  const variants = oneOfVariants(schema).map((variant) =>
    fc.record(
      Object.fromEntries(
        Object.entries(variant.properties).map(([name, property]) => [name, arbitraryFor(property)]),
      ),
      { requiredKeys: [...(variant.required ?? [])] },
    ),
  );
  return fc.oneof(...variants);
};

const arrays = (schema: SchemaObject) =>
  fc.array(schema.items === undefined ? fc.jsonValue() : arbitraryFor(schema.items), { maxLength: 3 });

const byType: Record<string, (schema: SchemaObject) => fc.Arbitrary<unknown>> = {
  string: texts,
  number: (schema) => numbers(schema, false),
  integer: (schema) => numbers(schema, true),
  boolean: () => fc.boolean(),
  null: () => fc.constant(null),
  array: arrays,
  object: (schema) => (isObjectSchema(schema) ? objects(schema) : fc.dictionary(fc.string(), fc.jsonValue())),
};

const ofType = (schema: SchemaObject, type: string): fc.Arbitrary<unknown> =>
  (byType[type] ?? (() => fc.jsonValue()))(schema);

/** Values `schema` accepts. */
export const arbitraryFor = (schema: Schema): fc.Arbitrary<unknown> => {
  if (typeof schema === 'boolean') return schema ? fc.jsonValue() : fc.constant(undefined);
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const types = typesOf(schema);
  if (types.length === 0) return ofType(schema, isObjectSchema(schema) ? 'object' : 'any');
  return fc.oneof(...types.map((type) => ofType(schema, type)));
};
