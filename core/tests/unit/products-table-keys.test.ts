import { aProduct } from '@bbws/testing';
import fc from 'fast-check';
import { ValidationFailed } from '../../src/errors';
import {
  indexAttributes,
  isPageKey,
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
} from '../../src/products-table';

const productId = '0b6f5a3e-7c1d-4a8e-9f2b-3c4d5e6f7a8b';
const otherId = '1c7a6b4f-8d2e-4b9f-a03c-4d5e6f7a8b9c';
const mug = aProduct({ productId, name: 'Ceramic Mug', price: 19.99, currency: 'EUR' });
const priceKey = {
  PK: `PRODUCT#${productId}`,
  SK: 'METADATA',
  GSI1_PK: 'PRODUCTS',
  GSI1_SK: `000000001999#${productId}`,
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

describe('page keys', () => {
  it('takes the table and price-index keys of a product as a page key of ProductsByPriceIndex', () => {
    expect(isPageKey(PRODUCTS_BY_PRICE_INDEX, priceKey)).toBe(true);
  });

  it('takes every valid price-index key as a page key', () => {
    fc.assert(
      fc.property(centsArbitrary, fc.uuid({ version: 4 }), (cents, id) =>
        isPageKey(PRODUCTS_BY_PRICE_INDEX, {
          ...productKey(id),
          ...priceIndexKeys({ productId: id, price: priceOf(cents) }),
        }),
      ),
    );
  });

  it('takes the table and name-index keys of a product as a page key of ProductsByNameIndex', () => {
    const key = { ...productKey(productId), ...nameIndexKey('Ceramic Mug') };

    expect(isPageKey(PRODUCTS_BY_NAME_INDEX, key)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a missing attribute', { PK: priceKey.PK, SK: 'METADATA', GSI1_PK: 'PRODUCTS' }],
    ['an extra attribute', { ...priceKey, price: '19.99' }],
    ['a non-string attribute', { ...priceKey, GSI1_SK: 1999 }],
    ['a foreign partition key', { ...priceKey, PK: 'USER#1' }],
    ['the keys of the other index', { ...productKey(productId), ...nameIndexKey('Ceramic Mug') }],
    ['an array', ['PK']],
    ['no object', 'PK'],
  ])('refuses %s as a page key of ProductsByPriceIndex', (_, key) => {
    expect(isPageKey(PRODUCTS_BY_PRICE_INDEX, key)).toBe(false);
  });
});
