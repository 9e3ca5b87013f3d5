import fc from 'fast-check';
import {
  fitsLength,
  matchesPattern,
  typesOf,
  type ObjectSchema,
  type Schema,
  type SchemaObject,
} from './schema';

// Values a schema refuses, one broken rule each, derived from the schema's own keywords: what the
// bad-input tests send for every field, a new one included.

export interface InvalidValue {
  /** The keyword the value breaks, e.g. `maxLength`. */
  rule: string;
  value: unknown;
}

/** A value of each JSON type, to find ones the schema's `type` refuses. */
const VALUES_BY_TYPE: Record<string, unknown> = {
  string: '19.99',
  number: 19.99,
  integer: 7,
  boolean: true,
  null: null,
  array: ['x'],
  object: { value: 'x' },
};

const refusesType = (types: readonly string[], sampleType: string) =>
  !types.includes(sampleType) && !(sampleType === 'integer' && types.includes('number'));

const wrongTypes = (schema: SchemaObject): InvalidValue[] => {
  const types = typesOf(schema);
  if (types.length === 0) return [];
  const refused = Object.keys(VALUES_BY_TYPE).filter((type) => refusesType(types, type));
  return refused.slice(0, 2).map((type) => ({ rule: 'type', value: VALUES_BY_TYPE[type] }));
};

/** Texts that commonly break a text rule: empty, blank, control characters, spaces, non-ASCII, http. */
const TEXT_PROBES = [
  '',
  ' ',
  '\u0000',
  'a\u0007b',
  'ünï',
  'has space',
  '#1',
  'http://images.example.com/x.png',
];

const lengths = (schema: SchemaObject): InvalidValue[] => {
  const broken: InvalidValue[] = [];
  if ((schema.minLength ?? 0) > 0)
    broken.push({ rule: 'minLength', value: 'x'.repeat((schema.minLength ?? 1) - 1) });
  if (schema.maxLength !== undefined)
    broken.push({ rule: 'maxLength', value: 'x'.repeat(schema.maxLength + 1) });
  return broken;
};

const patterns = (schema: SchemaObject): InvalidValue[] =>
  TEXT_PROBES.filter((text) => fitsLength(schema, text) && !matchesPattern(schema, text))
    .slice(0, 3)
    .map((value) => ({ rule: 'pattern', value }));

const FORMAT_PROBES: Record<string, string> = {
  'date-time': 'yesterday',
  uuid: 'not-a-uuid',
  uri: 'not a uri',
};

const formats = (schema: SchemaObject): InvalidValue[] => {
  const probe = schema.format === undefined ? undefined : FORMAT_PROBES[schema.format];
  return probe === undefined ? [] : [{ rule: 'format', value: probe }];
};

const ranges = (schema: SchemaObject): InvalidValue[] => {
  const step = schema.multipleOf ?? 1;
  const broken: InvalidValue[] = [];
  if (schema.minimum !== undefined) broken.push({ rule: 'minimum', value: schema.minimum - step });
  if (schema.maximum !== undefined) broken.push({ rule: 'maximum', value: schema.maximum + step });
  if (schema.multipleOf !== undefined) {
    broken.push({ rule: 'multipleOf', value: (schema.minimum ?? 0) + 1 + schema.multipleOf / 10 });
  }
  if (typesOf(schema).includes('integer')) broken.push({ rule: 'type', value: (schema.minimum ?? 0) + 1.5 });
  return broken;
};

const choices = (schema: SchemaObject): InvalidValue[] => {
  if ('const' in schema) return [{ rule: 'const', value: schema.const === 'x' ? 'y' : 'x' }];
  if (schema.enum !== undefined) return [{ rule: 'enum', value: 'NOT_ONE_OF_THEM' }];
  return [];
};

/** One value per rule of `schema` that breaks that rule (and perhaps others): never a valid one. */
export const invalidValuesFor = (schema: Schema): InvalidValue[] => {
  if (typeof schema === 'boolean') return schema ? [] : [{ rule: 'false', value: 'anything' }];
  const isText = typesOf(schema).includes('string');
  return [
    ...wrongTypes(schema),
    ...choices(schema),
    ...(isText ? [...lengths(schema), ...patterns(schema), ...formats(schema)] : []),
    ...ranges(schema),
  ];
};

export interface InvalidField extends InvalidValue {
  field: string;
}

/** Every field of an object schema with each value that breaks one of its rules. */
export const invalidFieldValues = (schema: ObjectSchema): InvalidField[] =>
  Object.entries(schema.properties).flatMap(([field, property]) =>
    invalidValuesFor(property).map((invalid) => ({ field, ...invalid })),
  );

/** Values at or just past a field's edges, or any text: what a careless or hostile client sends. */
export const nearlyValidArbitrary = (schema: Schema): fc.Arbitrary<unknown> => {
  const invalid = invalidValuesFor(schema).map(({ value }) => value);
  const edges: fc.Arbitrary<unknown>[] = [fc.string({ unit: 'binary', maxLength: 300 })];
  if (typeof schema !== 'boolean' && schema.maxLength !== undefined) {
    edges.push(fc.string({ minLength: schema.maxLength - 5, maxLength: schema.maxLength + 10 }));
  }
  if (typeof schema !== 'boolean' && typesOf(schema).includes('number')) edges.push(fc.double());
  return invalid.length === 0 ? fc.oneof(...edges) : fc.oneof(fc.constantFrom(...invalid), ...edges);
};
