// The subset of JSON Schema (2020-12) that core's schemas use, as the derivers here read it.

export type Schema = boolean | SchemaObject;

export interface SchemaObject {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: Schema;
  readonly items?: Schema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly oneOf?: readonly Schema[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly multipleOf?: number;
}

export interface ObjectSchema extends SchemaObject {
  readonly properties: Readonly<Record<string, Schema>>;
}

/** The schema's types, in the order written; a `const` or `enum` without a type counts as untyped. */
export const typesOf = (schema: SchemaObject): readonly string[] =>
  schema.type === undefined ? [] : [schema.type].flat();

/** What `minLength` and `maxLength` count: code points, as ajv does (a surrogate pair is one). */
export const lengthOf = (text: string): number => [...text].length;

export const fitsLength = (schema: SchemaObject, text: string): boolean => {
  const length = lengthOf(text);
  return length >= (schema.minLength ?? 0) && length <= (schema.maxLength ?? Infinity);
};

export const matchesPattern = (schema: SchemaObject, text: string): boolean =>
  schema.pattern === undefined || new RegExp(schema.pattern, 'u').test(text);

/**
 * The variants a `oneOf` describes, each merged into its parent: its properties override the parent's
 * (`false` removes one, `true` keeps the parent's), its `required` adds to the parent's.
 */
export const oneOfVariants = (schema: ObjectSchema): ObjectSchema[] =>
  (schema.oneOf ?? [schema]).map((branch) => {
    if (typeof branch === 'boolean' || branch === schema) return schema;
    const overrides = branch.properties ?? {};
    const properties = Object.fromEntries(
      Object.entries({ ...schema.properties, ...overrides })
        .filter(([, property]) => property !== false)
        .map(([name, property]) => [name, property === true ? (schema.properties[name] ?? true) : property]),
    );
    const required = [...new Set([...(schema.required ?? []), ...(branch.required ?? [])])];
    return { ...schema, oneOf: undefined, properties, required };
  });

export const isObjectSchema = (schema: Schema): schema is ObjectSchema =>
  typeof schema !== 'boolean' && schema.properties !== undefined;
