import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidCursor } from './errors';

// Cursors: where a page ended, signed together with the query it belongs to. What the position is
// (a table key, for the product listings) is the caller's; this module only makes it opaque and tamper-proof.

/** What a cursor is bound to: a cursor from one query is rejected by any other. */
export interface CursorContext {
  index: string;
  sort?: string;
  filters?: Readonly<Record<string, string | number | boolean | undefined>>;
}

const CURSOR_VERSION = 'c1';
const MAX_CURSOR_LENGTH = 4096;
const MIN_SIGNING_KEY_LENGTH = 32;

const canonicalContext = ({ index, sort, filters = {} }: CursorContext): string => {
  const definedFilters = Object.entries(filters)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([index, sort ?? null, definedFilters]);
};

/** Returns the key if it is long enough to sign cursors; call it at module scope to fail at cold start. */
export const assertSigningKey = (signingKey: string): string => {
  if (signingKey.length < MIN_SIGNING_KEY_LENGTH) {
    throw new Error(`The cursor signing key must be at least ${MIN_SIGNING_KEY_LENGTH} characters`);
  }
  return signingKey;
};

const signature = (payload: string, context: CursorContext, signingKey: string): Buffer =>
  createHmac('sha256', assertSigningKey(signingKey))
    .update(`${CURSOR_VERSION}.${payload}.${canonicalContext(context)}`)
    .digest();

/** An opaque, signed cursor for `position`; the key comes from CURSOR_SIGNING_KEY via the caller. */
export const encodeCursor = (
  position: Readonly<Record<string, unknown>>,
  context: CursorContext,
  signingKey: string,
): string => {
  const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
  return `${CURSOR_VERSION}.${payload}.${signature(payload, context, signingKey).toString('base64url')}`;
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidCursor();
  }
};

/**
 * The position a cursor stands for; throws InvalidCursor if forged, altered, from another query, or
 * holding something `isPosition` refuses.
 */
export const decodeCursor = <Position>(
  cursor: string,
  context: CursorContext,
  signingKey: string,
  isPosition: (value: unknown) => value is Position,
): Position => {
  const [version, payload = '', mac = '', ...rest] = cursor.split('.');
  if (cursor.length > MAX_CURSOR_LENGTH || version !== CURSOR_VERSION || rest.length > 0) {
    throw new InvalidCursor();
  }
  const expected = signature(payload, context, signingKey);
  const actual = Buffer.from(mac, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new InvalidCursor();
  const position = parseJson(Buffer.from(payload, 'base64url').toString('utf8'));
  if (!isPosition(position)) throw new InvalidCursor();
  return position;
};
