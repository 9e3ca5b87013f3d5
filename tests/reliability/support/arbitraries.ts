import { productInputSchema } from '@bbws/core';
import fc from 'fast-check';

// What the fuzzing suite draws: request parts that are sometimes valid, often nearly so, and otherwise
// anything at all, so that the runs reach both the validator's edges and the code behind it.

const anyText = fc.string({ unit: 'binary', maxLength: 300 });

const fields = productInputSchema.properties;
const matching = (pattern: string) => (text: string) => new RegExp(pattern, 'u').test(text);
const unicodeText = (minLength: number, maxLength: number, pattern: string) =>
  fc.string({ unit: 'grapheme', minLength, maxLength }).filter(matching(pattern));

/** Values the schema accepts, drawn widely: any script, emoji, bounds. */
const valid = {
  name: unicodeText(1, 120, fields.name.pattern),
  description: fc
    .array(fc.oneof(unicodeText(0, 40, fields.description.pattern), fc.constantFrom('\n', '\t', '\r\n')), {
      maxLength: 10,
    })
    .map((parts) => parts.join('')),
  price: fc.oneof(
    fc.integer({ min: 0, max: 100_000_000_000 }).map((cents) => cents / 100),
    fc.constantFrom(0, 1e9, 19.99, 0.07),
  ),
  currency: fc.stringMatching(/^[A-Z]{3}$/),
  category: unicodeText(1, 100, fields.category.pattern),
  sku: fc.stringMatching(new RegExp(fields.sku.pattern)),
  imageUrl: fc.webUrl({ validSchemes: ['https'] }).filter((url) => url.length <= fields.imageUrl.maxLength),
};

/** Values just outside the schema, or any text. */
const nearlyValid = {
  name: fc.oneof(fc.string({ minLength: 195, maxLength: 210 }), fc.constantFrom('', ' ', '\u3000'), anyText),
  description: fc.oneof(fc.string({ minLength: 1995, maxLength: 2010 }), anyText),
  price: fc.oneof(fc.double(), fc.constantFrom(-0.01, 1e9 + 0.01, 0.001, 19.999)),
  currency: fc.string({ maxLength: 5 }),
  category: fc.oneof(fc.constantFrom('', 'x'.repeat(101)), anyText),
  sku: fc.oneof(fc.constantFrom('', 'a b', 'S'.repeat(65)), anyText),
  imageUrl: fc.oneof(fc.webUrl({ validSchemes: ['http', 'ftp'] }), anyText),
};

type Field = keyof typeof valid;

const REQUIRED: readonly string[] = productInputSchema.required;

/**
 * A product body: each field valid most of the time, otherwise nearly valid, any JSON, or absent (even
 * a required one), sometimes with an extra property; about a fifth of the bodies are valid as a whole.
 */
export const productBodies: fc.Arbitrary<Record<string, unknown>> = fc
  .record(
    Object.fromEntries(
      (Object.keys(valid) as Field[]).map((field) => [
        field,
        fc.oneof(
          { weight: 30, arbitrary: valid[field] as fc.Arbitrary<unknown> },
          { weight: 2, arbitrary: nearlyValid[field] as fc.Arbitrary<unknown> },
          { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
          { weight: REQUIRED.includes(field) ? 1 : 20, arbitrary: fc.constant(undefined) },
        ),
      ]),
    ) as { [F in Field]: fc.Arbitrary<unknown> },
  )
  .map((body) => Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)))
  .chain((body) =>
    fc
      .oneof(
        { weight: 9, arbitrary: fc.constant(undefined) },
        {
          weight: 1,
          arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 1 })),
        },
      )
      .map((extra) => (extra ? { ...body, [extra[0]]: extra[1] } : body)),
  );

/** A request body as text: mostly a product body, sometimes any JSON, sometimes not JSON at all. */
export const bodyTexts: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: productBodies.map((body) => JSON.stringify(body)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: anyText },
);

const LIST_PARAMETERS = ['sort', 'minPrice', 'maxPrice', 'name', 'limit', 'cursor'];

const parameterValues = fc.oneof(
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
