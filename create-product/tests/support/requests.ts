// Header and path values that PUT and DELETE /v1.0/products/{productId} both read.

/** [form, If-Match value]: every way a caller may name version 3. */
export const ifMatchVersion3: Array<[string, string]> = [
  ['a strong ETag', '"3"'],
  ['a weak ETag', 'W/"3"'],
  ['a bare version', '3'],
];

/** [what is wrong, If-Match value]: none of these names one version. */
export const malformedIfMatches: Array<[string, string]> = [
  ['a word', '"latest"'],
  ['version zero', '"0"'],
  ['a list of ETags', '"3", "4"'],
  ['a negative version', '"-3"'],
];

/** [what is wrong, productId]: none of these is a product id the API issues. */
export const malformedProductIds: Array<[string, string]> = [
  ['a word', 'moka-pot'],
  ['an upper-case UUID', '7AE2B6D0-C5BA-5ABF-82B1-323829ADFDEE'],
  ['a version 1 UUID', 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6'],
  ['a UUID with a suffix', '7ae2b6d0-c5ba-5abf-82b1-323829adfdeex'],
];
