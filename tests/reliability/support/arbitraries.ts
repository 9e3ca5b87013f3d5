import { listProductsQuerySchema, productInputSchema } from '@bbws/core';
import { arbitraryFor, fuzzedBodies } from '@bbws/testing';
import fc from 'fast-check';

// What the fuzzing suite draws: request parts that are sometimes valid, often nearly so, and otherwise
// anything at all, so that the runs reach both the validator's edges and the code behind it. Fields and
// parameters come from core's schemas, so one added there is fuzzed from then on.

const anyText = fc.string({ unit: 'binary', maxLength: 300 });

/**
 * A product body: each field valid most of the time, otherwise nearly valid, any JSON, or absent (even
 * a required one), sometimes with an extra property; about a fifth of the bodies are valid as a whole.
 */
export const productBodies: fc.Arbitrary<Record<string, unknown>> = fuzzedBodies(productInputSchema);

/** A request body as text: mostly a product body, sometimes any JSON, sometimes not JSON at all. */
export const bodyTexts: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: productBodies.map((body) => JSON.stringify(body)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: anyText },
);

const LIST_PARAMETERS = Object.keys(listProductsQuerySchema.properties);

const parameterValues = fc.oneof(
  fc.oneof(
    ...Object.values(listProductsQuerySchema.properties).map((schema) => arbitraryFor(schema).map(String)),
  ),
  fc.constantFrom('price_asc', 'price_desc', '', '0', '1', '100', '101', '-1', '1.5', '1e9', 'NaN'),
  fc.integer({ min: -10, max: 200 }).map(String),
  fc.double().map(String),
  anyText,
);

/** Query parameters of a listing: known names with drawn values, sometimes unknown names, repeats. */
export const listQueries: fc.Arbitrary<Array<[string, string]>> = fc.array(
  fc.tuple(fc.oneof(fc.constantFrom(...LIST_PARAMETERS), fc.string({ maxLength: 10 })), parameterValues),
  { maxLength: 5 },
);

/** A path segment for {productId}: a product that exists, a well-formed one that does not, or anything. */
export const productIdSegments = (existing: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...existing),
    fc.uuid({ version: [4, 5] }),
    fc.uuid().map((id) => id.toUpperCase()),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }),
    fc.stringMatching(/^[0-9a-f-]{30,40}$/),
  );

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes the UTF-8 bytes of `text` (a lone surrogate becomes U+FFFD, as on the wire). */
export const percentEncode = (text: string): string =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) => {
      const character = String.fromCharCode(byte);
      return UNRESERVED.test(character) ? character : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
