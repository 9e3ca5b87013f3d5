import { optionalProductFields, sampleProductInput } from '@bbws/testing';
import fc from 'fast-check';
import {
  inWholeCents,
  isProductId,
  productInputSchema,
  wholeCentPrice,
  type ProductInput,
} from '../../src/schemas/product';
import { ajvErrorsToDetails } from '../../src/errors';
import { validateProduct } from '../../src/validation';
import { productInput } from '../../src/validators/generated/plain';

// The validator every function runs: generated from productInputSchema at build time.
const validate = productInput;

const mug: ProductInput = { name: 'Ceramic Mug', price: 19.99, currency: 'EUR' };

const errorsFor = (input: Record<string, unknown>) => {
  validate(input);
  return validate.errors ?? [];
};

describe('productInputSchema', () => {
  it('accepts a product with only the required fields', () => {
    expect(validate(mug)).toBe(true);
  });

  it('accepts a product with every optional field', () => {
    const input = sampleProductInput(mug);

    expect(Object.keys(input)).toEqual(expect.arrayContaining(optionalProductFields()));
    expect(optionalProductFields().length).toBeGreaterThan(0);
    expect(validate(input)).toBe(true);
  });

  it.each([19.99, 0.07, 0, 0.1, 1e9, 999999999.99, 12345.67])('accepts the two-decimal price %p', (price) => {
    expect(validate({ ...mug, price })).toBe(true);
  });

  it.each([1.001, 19.999, 0.005, 1.0001, 999999999.999])(
    'rejects the price %p with three or more decimals',
    (price) => {
      expect(errorsFor({ ...mug, price })).toContainEqual(expect.objectContaining({ keyword: 'multipleOf' }));
    },
  );

  it('accepts every whole number of cents up to the maximum price', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000 }), (cents) => {
        const price = Number(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);
        return validate({ ...mug, price });
      }),
    );
  });

  it.each([
    [0.1 + 0.2, 0.3],
    [29.990000000000002, 29.99],
    [19.99 + 1e-12, 19.99],
    [1.1 * 1.1, 1.21],
    [999999999.9900001, 999999999.99],
  ])('accepts %p, within floating-point error of a cent, as the cent value %p', (noisy, cents) => {
    expect(validate({ ...mug, price: noisy })).toBe(true);
    expect(wholeCentPrice(noisy)).toBe(cents);
    expect(inWholeCents({ ...mug, price: noisy })).toEqual({ ...mug, price: cents });
  });

  it('takes every noisy whole number of cents inside the range as exactly the price written with two decimals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999_999_999 }),
        fc.integer({ min: -4, max: 4 }),
        (cents, ulps) => {
          const written = Number(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);
          const noisy = written + ulps * Number.EPSILON * Math.max(written, 1);
          return validate({ ...mug, price: noisy }) && wholeCentPrice(noisy) === written;
        },
      ),
    );
  });

  it.each([19.9901, 0.015, 1.00001])('names price, with what is expected, for %p', (price) => {
    expect(ajvErrorsToDetails(errorsFor({ ...mug, price }))).toEqual([
      { field: 'price', message: expect.stringContaining('a whole number of cents') },
    ]);
  });

  it.each([-0.01, 1e9 + 0.01])('rejects the out-of-range price %p', (price) => {
    expect(validate({ ...mug, price })).toBe(false);
  });

  it('rejects a price sent as a string instead of coercing it', () => {
    expect(validate({ ...mug, price: '19.99' })).toBe(false);
  });

  it.each(['', '   ', '\t\n', 'x'.repeat(201)])('rejects the name %j', (name) => {
    expect(errorsFor({ ...mug, name })).toContainEqual(expect.objectContaining({ instancePath: '/name' }));
  });

  it.each(['eur', 'EURO', 'E1R'])('rejects the currency %p', (currency) => {
    expect(validate({ ...mug, currency })).toBe(false);
  });

  it.each(['has space', 'x'.repeat(65), 'ünï'])('rejects the sku %p', (sku) => {
    expect(validate({ ...mug, sku })).toBe(false);
  });

  it.each([
    'http://images.example.com/mug.png',
    'https://',
    'mug.png',
    `https://example.com/${'a'.repeat(2030)}`,
  ])('rejects the image URL %p', (imageUrl) => {
    expect(validate({ ...mug, imageUrl })).toBe(false);
  });

  it('rejects a description longer than 2000 characters', () => {
    expect(validate({ ...mug, description: 'd'.repeat(2001) })).toBe(false);
  });

  it('rejects an empty category', () => {
    expect(validate({ ...mug, category: '' })).toBe(false);
  });

  it('rejects a property it does not define', () => {
    expect(errorsFor({ ...mug, colour: 'blue' })).toContainEqual(
      expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'colour' } }),
    );
  });

  it('reports each missing required field', () => {
    const missing = errorsFor({}).map((error) => error.params.missingProperty);

    expect(missing).toEqual(['name', 'price', 'currency']);
  });
});

describe('productSchema', () => {
  const stored = {
    productId: '0b6f5a3e-7c1d-4a8e-9f2b-3c4d5e6f7a8b',
    ...mug,
    active: true,
    createdAt: '2025-01-15T10:30:00.000Z',
    updatedAt: '2025-01-15T10:30:00.000Z',
    version: 1,
  };

  it('accepts a stored product', () => {
    expect(validateProduct(stored)).toEqual(stored);
  });

  it('accepts a soft-deleted product with its deletion time', () => {
    const deleted = { ...stored, active: false, deletedAt: '2025-02-01T00:00:00Z', version: 2 };

    expect(validateProduct(deleted)).toEqual(deleted);
  });

  it('rejects a version below 1', () => {
    expect(() => validateProduct({ ...stored, version: 0 })).toThrow('The product is not valid');
  });

  it('rejects a timestamp that is not an ISO date-time', () => {
    expect(() => validateProduct({ ...stored, createdAt: '15/01/2025' })).toThrow('The product is not valid');
  });
});

describe('isProductId', () => {
  it.each(['0b6f5a3e-7c1d-4a8e-9f2b-3c4d5e6f7a8b', '2ed6657d-e927-568b-95e1-2665a8aea6a2'])(
    'accepts the lower-case version 4 or 5 UUID %p',
    (productId) => {
      expect(isProductId(productId)).toBe(true);
    },
  );

  it.each([
    '0B6F5A3E-7C1D-4A8E-9F2B-3C4D5E6F7A8B',
    '0b6f5a3e-7c1d-1a8e-9f2b-3c4d5e6f7a8b',
    '0b6f5a3e-7c1d-4a8e-7f2b-3c4d5e6f7a8b',
    '0b6f5a3e7c1d4a8e9f2b3c4d5e6f7a8b',
    'PRODUCT#0b6f5a3e-7c1d-4a8e-9f2b-3c4d5e6f7a8b',
    42,
    undefined,
  ])('rejects %p', (value) => {
    expect(isProductId(value)).toBe(false);
  });
});

describe('product input text fields', () => {
  const valid = { name: 'Desk lamp', price: 19.99, currency: 'ZAR' };
  const accepts = (overrides: Record<string, unknown>) => {
    return productInput({ ...valid, ...overrides });
  };

  it.each([['Lampe à poser 💡'], ['台灯'], ['  padded name  ']])('accepts the name %j', (name) => {
    expect(accepts({ name })).toBe(true);
  });

  it.each([['lamp\u0000'], ['\u0007bell'], ['line\nbreak'], ['\u0085next line'], ['\u3000\u2003']])(
    'refuses the name %j (control characters or nothing visible)',
    (name) => {
      expect(accepts({ name })).toBe(false);
    },
  );

  it('keeps line breaks and tabs in a description but refuses other control characters', () => {
    expect(accepts({ description: 'First line\n\tsecond line\r\n' })).toBe(true);
    expect(accepts({ description: 'bad \u001b[31m escape' })).toBe(false);
  });

  it('refuses control characters in a category', () => {
    expect(accepts({ category: 'lamps\u0000' })).toBe(false);
  });
});

describe('product input patterns on hostile input', () => {
  it('reject a long name of spaces ending in a control character in linear time (bounded steps, not a timer)', () => {
    const pattern = new RegExp(productInputSchema.properties.name.pattern, 'u');
    const hostile = `${' '.repeat(20_000)}a${'a'.repeat(20_000)}\u0000`;

    expect(pattern.test(hostile)).toBe(false);
    expect(pattern.test('a'.repeat(40_000))).toBe(true);
  });
});

describe('product input text and UTF-8', () => {
  const validate = productInput;
  const base = { name: 'Desk lamp', price: 19.99, currency: 'ZAR' };

  it('refuses lone surrogates, which have no UTF-8 encoding, in every text field', () => {
    for (const field of ['name', 'description', 'category']) {
      expect(validate({ ...base, [field]: 'A\ud800B' })).toBe(false);
    }
  });

  it('keeps characters outside the basic plane, such as emoji', () => {
    expect(validate({ ...base, name: 'Lamp 💡', description: '🛋️', category: '🏠' })).toBe(true);
  });
});
