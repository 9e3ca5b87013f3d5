import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { InvalidCursor, ValidationFailed } from '../../src/errors';
import {
  decodeCursor,
  encodeCursor,
  indexAttributes,
  nameIndexKey,
  nameIndexKeyCondition,
  priceIndexKeyCondition,
  priceIndexKeys,
  priceRangeBounds,
  priceToCents,
  productFromItem,
  productItem,
  productKey,
  PRODUCTS_BY_NAME_INDEX,
  PRODUCTS_BY_PRICE_INDEX,
  type CursorContext,
} from '../../src/keys';
import type { Product } from '../../src/schemas/product';

const productId = '0b6f5a3e-7c1d-4a8e-9f2b-3c4d5e6f7a8b';
const otherId = '1c7a6b4f-8d2e-4b9f-a03c-4d5e6f7a8b9c';
const mug: Product = {
  productId,
  name: 'Ceramic Mug',
  price: 19.99,
  currency: 'EUR',
  active: true,
  createdAt: '2025-01-15T10:30:00.000Z',
  updatedAt: '2025-01-15T10:30:00.000Z',
  version: 1,
};
const signingKey = 'k'.repeat(32);
const byPrice: CursorContext = { index: PRODUCTS_BY_PRICE_INDEX, sort: 'price', filters: { minPrice: 10 } };
const priceKey = {
  PK: `PRODUCT#${productId}`,
  SK: 'METADATA',
  GSI1_PK: 'PRODUCTS',
  GSI1_SK: `000000001999#${productId}`,
};

// Signs any payload as encodeCursor does (same layout), to reach the checks made after the signature.
const resign = (cursor: string, payload: string): string => {
  const [version] = cursor.split('.');
  const context = JSON.stringify([byPrice.index, byPrice.sort, Object.entries(byPrice.filters ?? {})]);
  const mac = createHmac('sha256', signingKey).update(`${version}.${payload}.${context}`).digest('base64url');
  return `${version}.${payload}.${mac}`;
};

const centsArbitrary = fc.integer({ min: 0, max: 100_000_000_000 });
const priceOf = (cents: number): number => cents / 100;

describe('table and index keys', () => {
  it('keys a product by its id with a fixed sort key', () => {
    expect(productKey(productId)).toEqual({ PK: `PRODUCT#${productId}`, SK: 'METADATA' });
  });

  it('puts every active product in one price partition, sorted by zero-padded cents', () => {
    expect(priceIndexKeys({ productId, price: 19.99 })).toEqual({
      GSI1_PK: 'PRODUCTS',
      GSI1_SK: `000000001999#${productId}`,
    });
  });

  it('encodes the maximum price in twelve digits', () => {
    expect(priceIndexKeys({ productId, price: 1e9 }).GSI1_SK).toBe(`100000000000#${productId}`);
  });

  it('orders price keys as strings exactly as the prices order as numbers', () => {
    fc.assert(
      fc.property(centsArbitrary, centsArbitrary, (a, b) => {
        fc.pre(a !== b);
        const keyA = priceIndexKeys({ productId, price: priceOf(a) }).GSI1_SK;
        const keyB = priceIndexKeys({ productId: otherId, price: priceOf(b) }).GSI1_SK;
        return a < b === keyA < keyB;
      }),
    );
  });

  it('gives two products at the same price different price keys', () => {
    const first = priceIndexKeys({ productId, price: 5 }).GSI1_SK;
    const second = priceIndexKeys({ productId: otherId, price: 5 }).GSI1_SK;

    expect(first).not.toBe(second);
  });

  it('rounds a price to whole cents despite float error', () => {
    expect(priceToCents(0.07)).toBe(7);
    expect(priceToCents(999999999.99)).toBe(99999999999);
  });

  it.each([-1, 1e9 + 1, Number.NaN, Number.POSITIVE_INFINITY])('refuses to key the price %p', (price) => {
    expect(() => priceToCents(price)).toThrow(RangeError);
  });

  it('keys a name by its case-, width- and spacing-insensitive form', () => {
    expect(nameIndexKey('  Ｃeramic \t  MUG ')).toEqual({ GSI2_PK: 'NAME#ceramic mug' });
  });
});

describe('price range bounds', () => {
  it('covers every price when no limits are given', () => {
    expect(priceRangeBounds()).toEqual({ lower: '000000000000', upper: '100000000000$' });
  });

  it('includes products priced exactly at either limit', () => {
    const { lower, upper } = priceRangeBounds(10, 19.99);
    const atMin = priceIndexKeys({ productId, price: 10 }).GSI1_SK;
    const atMax = priceIndexKeys({ productId, price: 19.99 }).GSI1_SK;

    expect([lower <= atMin, atMax <= upper]).toEqual([true, true]);
  });

  it('holds a price key within the bounds exactly when the price is within the limits', () => {
    fc.assert(
      fc.property(centsArbitrary, centsArbitrary, centsArbitrary, (price, x, y) => {
        const [min, max] = x <= y ? [x, y] : [y, x];
        const { lower, upper } = priceRangeBounds(priceOf(min), priceOf(max));
        const key = priceIndexKeys({ productId, price: priceOf(price) }).GSI1_SK;
        return (lower <= key && key <= upper) === (min <= price && price <= max);
      }),
    );
  });

  it('rejects a minimum above the maximum', () => {
    expect(() => priceRangeBounds(20, 10)).toThrow(ValidationFailed);
  });

  it('builds the price-index query for a range', () => {
    expect(priceIndexKeyCondition(10)).toEqual({
      IndexName: 'ProductsByPriceIndex',
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lower AND :upper',
      ExpressionAttributeNames: { '#pk': 'GSI1_PK', '#sk': 'GSI1_SK' },
      ExpressionAttributeValues: { ':pk': 'PRODUCTS', ':lower': '000000001000', ':upper': '100000000000$' },
    });
  });

  it('builds the name-index query for an exact name', () => {
    expect(nameIndexKeyCondition('Ceramic  Mug')).toEqual({
      IndexName: 'ProductsByNameIndex',
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'GSI2_PK' },
      ExpressionAttributeValues: { ':pk': 'NAME#ceramic mug' },
    });
  });
});

describe('items', () => {
  it('sets both index keys on an active product', () => {
    expect(indexAttributes(mug)).toEqual({
      set: { GSI1_PK: 'PRODUCTS', GSI1_SK: `000000001999#${productId}`, GSI2_PK: 'NAME#ceramic mug' },
      remove: [],
    });
  });

  it('removes every index key from a soft-deleted product', () => {
    expect(indexAttributes({ ...mug, active: false })).toEqual({
      set: {},
      remove: ['GSI1_PK', 'GSI1_SK', 'GSI2_PK'],
    });
  });

  it('builds the full item of an active product', () => {
    expect(productItem(mug)).toEqual({ ...mug, ...productKey(productId), ...indexAttributes(mug).set });
  });

  it('leaves index keys off the item of a soft-deleted product', () => {
    const deleted = { ...mug, active: false, deletedAt: '2025-02-01T00:00:00.000Z' };

    expect(Object.keys(productItem(deleted))).not.toContain('GSI1_PK');
  });

  it('reads the product back from an item without its key attributes', () => {
    expect(productFromItem(productItem(mug))).toEqual(mug);
  });
});

describe('cursors', () => {
  it('decodes to the key it was made from', () => {
    const cursor = encodeCursor(priceKey, byPrice, signingKey);

    expect(decodeCursor(cursor, byPrice, signingKey)).toEqual(priceKey);
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
            JSON.stringify(decodeCursor(encodeCursor(key, context, signingKey), context, signingKey)) ===
            JSON.stringify(key)
          );
        },
      ),
    );
  });

  it('round-trips a name-index key', () => {
    const key = { ...productKey(productId), ...nameIndexKey('Ceramic Mug') };
    const byName: CursorContext = { index: PRODUCTS_BY_NAME_INDEX, filters: { name: 'ceramic mug' } };

    expect(decodeCursor(encodeCursor(key, byName, signingKey), byName, signingKey)).toEqual(key);
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

    expect(decodeCursor(cursor, sameQuery, signingKey)).toEqual(priceKey);
  });

  it.each<[string, CursorContext]>([
    ['another filter', { ...byPrice, filters: { minPrice: 11 } }],
    ['another sort', { ...byPrice, sort: 'price:desc' }],
    ['no filters', { index: PRODUCTS_BY_PRICE_INDEX, sort: 'price' }],
    ['another index', { ...byPrice, index: PRODUCTS_BY_NAME_INDEX }],
  ])('rejects a cursor replayed on a query with %s', (_, otherQuery) => {
    const cursor = encodeCursor(priceKey, byPrice, signingKey);

    expect(() => decodeCursor(cursor, otherQuery, signingKey)).toThrow(InvalidCursor);
  });

  it('rejects a cursor signed with another key', () => {
    const cursor = encodeCursor(priceKey, byPrice, 'o'.repeat(32));

    expect(() => decodeCursor(cursor, byPrice, signingKey)).toThrow(InvalidCursor);
  });

  it('rejects a cursor whose key was altered', () => {
    const [version, , mac] = encodeCursor(priceKey, byPrice, signingKey).split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...priceKey, GSI1_SK: `000000000001#${productId}` }),
    ).toString('base64url');

    expect(() => decodeCursor(`${version}.${forged}.${mac}`, byPrice, signingKey)).toThrow(InvalidCursor);
  });

  it.each(['', 'garbage', 'c1.abc', 'c2.abc.def', 'c1.a.b.c'])(
    'rejects the malformed cursor %p',
    (cursor) => {
      expect(() => decodeCursor(cursor, byPrice, signingKey)).toThrow(InvalidCursor);
    },
  );

  it('rejects an over-long cursor before checking its signature', () => {
    const [version, payload, mac] = encodeCursor(priceKey, byPrice, signingKey).split('.');
    const padded = `${version}.${payload}${'A'.repeat(4096)}.${mac}`;

    expect(() => decodeCursor(padded, byPrice, signingKey)).toThrow(InvalidCursor);
  });

  it('rejects any string that was not issued as a cursor', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (cursor) => {
        expect(() => decodeCursor(cursor, byPrice, signingKey)).toThrow(InvalidCursor);
      }),
    );
  });

  it.each<[string, Record<string, unknown>]>([
    ['a missing attribute', { PK: priceKey.PK, SK: 'METADATA', GSI1_PK: 'PRODUCTS' }],
    ['an extra attribute', { ...priceKey, price: '19.99' }],
    ['a non-string attribute', { ...priceKey, GSI1_SK: 1999 }],
    ['a foreign partition key', { ...priceKey, PK: 'USER#1' }],
  ])('refuses to encode a key with %s', (_, key) => {
    expect(() => encodeCursor(key, byPrice, signingKey)).toThrow('does not have the key attributes');
  });

  it('rejects a correctly signed cursor whose payload is not JSON', () => {
    const valid = encodeCursor(priceKey, byPrice, signingKey);
    const notJson = Buffer.from('{"PK":').toString('base64url');
    const resigned = resign(valid, notJson);

    expect(() => decodeCursor(resigned, byPrice, signingKey)).toThrow(InvalidCursor);
  });

  it('rejects a correctly signed cursor whose payload is not a key', () => {
    const resigned = resign(
      encodeCursor(priceKey, byPrice, signingKey),
      Buffer.from('["PK"]').toString('base64url'),
    );

    expect(() => decodeCursor(resigned, byPrice, signingKey)).toThrow(InvalidCursor);
  });

  it('refuses a signing key shorter than 32 characters', () => {
    expect(() => encodeCursor(priceKey, byPrice, 'short')).toThrow('at least 32 characters');
  });
});
