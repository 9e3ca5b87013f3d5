import fc from 'fast-check';
import { nearlyValidArbitrary } from './invalid-values';
import type { ObjectSchema } from './schema';
import { arbitraryFor } from './valid-arbitrary';

/**
 * Request bodies for fuzzing an endpoint that takes `schema`: each of its fields valid most of the time,
 * otherwise nearly valid, any JSON, or absent (even a required one), sometimes with a property the
 * schema does not define. A field added to the schema is drawn from then on.
 */
export const fuzzedBodies = (schema: ObjectSchema): fc.Arbitrary<Record<string, unknown>> => {
  const required: readonly string[] = schema.required ?? [];
  const fields = Object.fromEntries(
    Object.entries(schema.properties).map(([field, property]) => [
      field,
      fc.oneof(
        { weight: 30, arbitrary: arbitraryFor(property) },
        { weight: 2, arbitrary: nearlyValidArbitrary(property) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
        { weight: required.includes(field) ? 1 : 20, arbitrary: fc.constant(undefined) },
      ),
    ]),
  );
  const extraProperty = fc.oneof(
    { weight: 9, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 1 })),
    },
  );
  return fc
    .record(fields)
    .map((body) => Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)))
    .chain((body) => extraProperty.map((extra) => (extra ? { ...body, [extra[0]]: extra[1] } : body)));
};
