// Header and path values that PUT and DELETE /v1.0/products/{productId} both read.

/** [form, If-Match value]: every way a caller may accept version 3 (RFC 9110 §13.1.1, strong comparison). */
export const ifMatchVersion3: Array<[string, string]> = [
  ['a strong ETag', '"3"'],
  ['a list naming it', '"2", "3"'],
  ['a list with the weak form before it', 'W/"3", "3"'],
  ['a list with spaces and empty elements', ' , "9" ,"3" '],
];

/** [form, If-Match value]: well-formed, but none of these matches version 3 by strong comparison. */
export const ifMatchNeverVersion3: Array<[string, string]> = [
  ['a weak ETag', 'W/"3"'],
  ['a list of other versions', '"2", "4"'],
  ['an ETag that names no version', '"latest"'],
  ['version zero', '"0"'],
];

/** [what is wrong, If-Match value]: none of these is `*` or a list of entity-tags. */
export const malformedIfMatches: Array<[string, string]> = [
  ['a bare version', '3'],
  ['an unterminated ETag', '"3'],
  ['a word', 'latest'],
  ['two ETags without a comma', '"3" "4"'],
  ['* inside a list', '*, "3"'],
];

/** [what is wrong, productId]: none of these is a product id the API issues. */
export const malformedProductIds: Array<[string, string]> = [
  ['a word', 'moka-pot'],
  ['an upper-case UUID', '7AE2B6D0-C5BA-5ABF-82B1-323829ADFDEE'],
  ['a version 1 UUID', 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6'],
  ['a UUID with a suffix', '7ae2b6d0-c5ba-5abf-82b1-323829adfdeex'],
];
