import { fullFormats } from 'ajv-formats/dist/formats';

type FormatCheck = (value: string) => boolean;

const ajvUri = fullFormats.uri as FormatCheck;

// ajv-formats' `uri` is one regular expression of about 1,500 characters, most of them the IPv6 and IPvFuture
// forms of a host in brackets. V8 compiles a regular expression when it first runs it: 10-25 ms of a cold
// start here, and 2-6 ms more on the second call, in every function that validates a product (its imageUrl).
// Those branches only match inside `[...]`, and the IPv4 branch matches nothing the reg-name branch beside it
// does not. So for a value without `[`, the same expression without these three branches gives the same
// answer, and compiles in under 1 ms; a value with `[` goes to ajv-formats' own check. The unit tests compare
// the two on thousands of values.
const URI_WITHOUT_IP_LITERAL =
  /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;
const NOT_URI_FRAGMENT = /\/|:/;

/** JSON Schema's `uri` format, deciding exactly as ajv-formats' `uri` does. */
export const uri: FormatCheck = (value) =>
  value.includes('[') ? ajvUri(value) : NOT_URI_FRAGMENT.test(value) && URI_WITHOUT_IP_LITERAL.test(value);

/**
 * The format checks the generated validators call, by name (compile.ts's `code.formats`); `uuid` is a
 * regular expression, which ajv writes into the generated code itself.
 */
export const formats = { 'date-time': fullFormats['date-time'], uri };
