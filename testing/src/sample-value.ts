import fc from 'fast-check';
import {
  fitsLength,
  isObjectSchema,
  matchesPattern,
  oneOfVariants,
  typesOf,
  type Schema,
  type SchemaObject,
} from './schema';
import { arbitraryFor } from './valid-arbitrary';

// One fixed, readable value a schema accepts: what sample events and fixtures hold for a field nobody
// wrote a value for. The same schema gives the same value on every run.

export interface SampleOptions {
  /** Include the optional properties of objects too (default), or only the required ones. */
  optional?: boolean;
}

const FORMAT_SAMPLES: Record<string, (name: string) => string> = {
  'date-time': () => '2025-01-15T10:30:00.000Z',
  uuid: () => '0b6f5a3e-7c1d-4a8e-9f2b-3c4d5e6f7a8b',
  uri: (name) => `https://images.example.com/${name.toLowerCase()}.png`,
};

const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** The first value fast-check draws with a fixed seed: stable for a given schema and fast-check version. */
const drawnSample = (schema: SchemaObject): unknown =>
  fc.sample(arbitraryFor(schema), { seed: 11, numRuns: 1 })[0];

const textSample = (schema: SchemaObject, name: string): unknown => {
  const formatted = schema.format === undefined ? undefined : FORMAT_SAMPLES[schema.format]?.(name);
  const readable = formatted ?? `Sample ${words(name)}`;
  const sized = readable.slice(0, schema.maxLength).padEnd(schema.minLength ?? 0, 'x');
  return fitsLength(schema, sized) && matchesPattern(schema, sized) ? sized : drawnSample(schema);
};

const numberSample = (schema: SchemaObject): number => {
  const step = schema.multipleOf ?? 1;
  const lowest = Math.ceil(Math.max(schema.minimum ?? 1, 1) / step) * step;
  return Math.min(lowest, schema.maximum ?? lowest);
};

const objectSample = (schema: SchemaObject, options: SampleOptions): Record<string, unknown> => {
  if (!isObjectSchema(schema)) return {};
  const [variant = schema] = oneOfVariants(schema);
  const wanted = (name: string) => options.optional !== false || (variant.required ?? []).includes(name);
  return Object.fromEntries(
    Object.entries(variant.properties)
      .filter(([name, property]) => property !== false && wanted(name))
      .map(([name, property]) => [name, sampleFor(property, name, options)]),
  );
};

const byType: Record<string, (schema: SchemaObject, name: string, options: SampleOptions) => unknown> = {
  string: textSample,
  number: numberSample,
  integer: numberSample,
  boolean: () => true,
  null: () => null,
  array: () => [],
  object: (schema, _name, options) => objectSample(schema, options),
};

/** A fixed value `schema` accepts; `name` (the property's) makes texts readable: `Sample brand`. */
export const sampleFor = (schema: Schema, name = 'value', options: SampleOptions = {}): unknown => {
  if (typeof schema === 'boolean') return schema ? name : undefined;
  if ('const' in schema) return schema.const;
  if (schema.enum !== undefined) return schema.enum[0];
  const [type = isObjectSchema(schema) ? 'object' : 'string'] = typesOf(schema).filter((t) => t !== 'null');
  return (byType[type] ?? textSample)(schema, name, options);
};
