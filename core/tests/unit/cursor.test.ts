import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { decodeCursor, encodeCursor, type CursorContext } from '../../src/cursor';
import { InvalidCursor } from '../../src/errors';
import {
  isPageKey,
  nameIndexKey,
  priceIndexKeys,
  productKey,
  PRODUCTS_BY_NAME_INDEX,
  PRODUCTS_BY_PRICE_INDEX,
  type PageKey,
} from '../../src/products-table';

const productId = '0b6f5a3e-7c1d-4a8e-9f2b-3c4d5e6f7a8b';
const signingKey = 'k'.repeat(32);
const byPrice: CursorContext = { index: PRODUCTS_BY_PRICE_INDEX, sort: 'price', filters: { minPrice: 10 } };
const priceKey = {
  PK: `PRODUCT#${productId}`,
  SK: 'METADATA',
  GSI1_PK: 'PRODUCTS',
  GSI1_SK: `000000001999#${productId}`,
};
// The positions the listings store in cursors: a key of the index the cursor's query reads.
const isPriceKey = (value: unknown): value is PageKey => isPageKey(PRODUCTS_BY_PRICE_INDEX, value);
const isNameKey = (value: unknown): value is PageKey => isPageKey(PRODUCTS_BY_NAME_INDEX, value);

// Signs any payload as encodeCursor does (same layout), to reach the checks made after the signature.
const resign = (cursor: string, payload: string): string => {
  const [version] = cursor.split('.');
  const context = JSON.stringify([byPrice.index, byPrice.sort, Object.entries(byPrice.filters ?? {})]);
  const mac = createHmac('sha256', signingKey).update(`${version}.${payload}.${context}`).digest('base64url');
  return `${version}.${payload}.${mac}`;
};

const centsArbitrary = fc.integer({ min: 0, max: 100_000_000_000 });
const priceOf = (cents: number): number => cents / 100;

describe('cursors', () => {
  it('decodes to the key it was made from', () => {
    const cursor = encodeCursor(priceKey, byPrice, signingKey);

    expect(decodeCursor(cursor, byPrice, signingKey, isPriceKey)).toEqual(priceKey);
  });

  it('round-trips any valid price-index key', () => {
    fc.assert(
      fc.property(
        centsArbitrary,
        fc.uuid({ version: 4 }),
        fc.integer({ min: 0, max: 1e6 }),
        (cents, id, minPrice) => {
          const key = { ...productKey(id), ...priceIndexKeys({ productId: id, price: priceOf(cents) }) };
          const context: CursorContext = { index: PRODUCTS_BY_PRICE_INDEX, filters: { minPrice } };
          return (
            JSON.stringify(
              decodeCursor(encodeCursor(key, context, signingKey), context, signingKey, isPriceKey),
            ) === JSON.stringify(key)
          );
        },
      ),
    );
  });

  it('round-trips a name-index key', () => {
    const key = { ...productKey(productId), ...nameIndexKey('Ceramic Mug') };
    const byName: CursorContext = { index: PRODUCTS_BY_NAME_INDEX, filters: { name: 'ceramic mug' } };

    expect(decodeCursor(encodeCursor(key, byName, signingKey), byName, signingKey, isNameKey)).toEqual(key);
  });

  it('is URL-safe', () => {
    expect(encodeCursor(priceKey, byPrice, signingKey)).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it('ignores the order of filters and filters left undefined', () => {
    const context = {
      index: PRODUCTS_BY_PRICE_INDEX,
      filters: { minPrice: 1, maxPrice: 9, category: undefined },
    } as const;
    const cursor = encodeCursor(priceKey, context, signingKey);
    const sameQuery = { index: PRODUCTS_BY_PRICE_INDEX, filters: { maxPrice: 9, minPrice: 1 } } as const;

    expect(decodeCursor(cursor, sameQuery, signingKey, isPriceKey)).toEqual(priceKey);
  });

  it.each<[string, CursorContext]>([
    ['another filter', { ...byPrice, filters: { minPrice: 11 } }],
    ['another sort', { ...byPrice, sort: 'price:desc' }],
    ['no filters', { index: PRODUCTS_BY_PRICE_INDEX, sort: 'price' }],
    ['another index', { ...byPrice, index: PRODUCTS_BY_NAME_INDEX }],
  ])('rejects a cursor replayed on a query with %s', (_, otherQuery) => {
    const cursor = encodeCursor(priceKey, byPrice, signingKey);

    expect(() => decodeCursor(cursor, otherQuery, signingKey, isPriceKey)).toThrow(InvalidCursor);
  });

  it('rejects a cursor signed with another key', () => {
    const cursor = encodeCursor(priceKey, byPrice, 'o'.repeat(32));

    expect(() => decodeCursor(cursor, byPrice, signingKey, isPriceKey)).toThrow(InvalidCursor);
  });

  it('rejects a cursor whose key was altered', () => {
    const [version, , mac] = encodeCursor(priceKey, byPrice, signingKey).split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...priceKey, GSI1_SK: `000000000001#${productId}` }),
    ).toString('base64url');

    expect(() => decodeCursor(`${version}.${forged}.${mac}`, byPrice, signingKey, isPriceKey)).toThrow(
      InvalidCursor,
    );
  });

  it.each(['', 'garbage', 'c1.abc', 'c2.abc.def', 'c1.a.b.c'])(
    'rejects the malformed cursor %p',
    (cursor) => {
      expect(() => decodeCursor(cursor, byPrice, signingKey, isPriceKey)).toThrow(InvalidCursor);
    },
  );

  it('rejects an over-long cursor before checking its signature', () => {
    const [version, payload, mac] = encodeCursor(priceKey, byPrice, signingKey).split('.');
    const padded = `${version}.${payload}${'A'.repeat(4096)}.${mac}`;

    expect(() => decodeCursor(padded, byPrice, signingKey, isPriceKey)).toThrow(InvalidCursor);
  });

  it('rejects any string that was not issued as a cursor', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (cursor) => {
        expect(() => decodeCursor(cursor, byPrice, signingKey, isPriceKey)).toThrow(InvalidCursor);
      }),
    );
  });

  it('rejects a correctly signed cursor whose payload is not JSON', () => {
    const valid = encodeCursor(priceKey, byPrice, signingKey);
    const notJson = Buffer.from('{"PK":').toString('base64url');
    const resigned = resign(valid, notJson);

    expect(() => decodeCursor(resigned, byPrice, signingKey, isPriceKey)).toThrow(InvalidCursor);
  });

  it('rejects a correctly signed cursor whose payload is not a key', () => {
    const resigned = resign(
      encodeCursor(priceKey, byPrice, signingKey),
      Buffer.from('["PK"]').toString('base64url'),
    );

    expect(() => decodeCursor(resigned, byPrice, signingKey, isPriceKey)).toThrow(InvalidCursor);
  });

  it('rejects a correctly signed cursor holding the key of another index', () => {
    const nameKey = { ...productKey(productId), ...nameIndexKey('Ceramic Mug') };
    const resigned = resign(
      encodeCursor(priceKey, byPrice, signingKey),
      Buffer.from(JSON.stringify(nameKey)).toString('base64url'),
    );

    expect(() => decodeCursor(resigned, byPrice, signingKey, isPriceKey)).toThrow(InvalidCursor);
  });

  it('refuses a signing key shorter than 32 characters', () => {
    expect(() => encodeCursor(priceKey, byPrice, 'short')).toThrow('at least 32 characters');
  });
});
