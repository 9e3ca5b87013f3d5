import { randomUUID } from 'node:crypto';
import { productInputSchema, productSchema, type Product, type ProductInput } from '@bbws/core';
import type fc from 'fast-check';
import { sampleFor, type SampleOptions } from './sample-value';
import { arbitraryFor } from './valid-arbitrary';

// Products for tests, from core's product schemas: every field the schema has, so a new one is stored,
// published and read back by every test that uses these, with no edit here.

/** Product inputs the schema accepts (POST and PUT bodies), drawn widely. */
export const productInputs = arbitraryFor(productInputSchema) as fc.Arbitrary<ProductInput>;

/** Products as stored and returned, drawn widely. */
export const products = arbitraryFor(productSchema) as fc.Arbitrary<Product>;

/**
 * A schema-valid product input: `values` over the schema's own sample of every other field (only the
 * required ones with `{ optional: false }`), in the schema's order.
 */
export const sampleProductInput = (
  values: Partial<ProductInput> = {},
  options: SampleOptions = {},
): ProductInput => {
  const sample = sampleFor(productInputSchema, 'product', options) as ProductInput;
  return { ...sample, ...values };
};

/** The optional fields of a product input, as the schema lists them. */
export const optionalProductFields = (): string[] =>
  Object.keys(productInputSchema.properties).filter(
    (field) => !(productInputSchema.required as readonly string[]).includes(field),
  );

/** For tests: a complete, active, schema-valid product with a fresh id; `overrides` changes any part. */
export const aProduct = (overrides: Partial<Product> = {}): Product => ({
  productId: randomUUID(),
  ...sampleProductInput({
    name: 'Desk lamp',
    description: 'Brass desk lamp with a linen shade',
    price: 49.99,
    currency: 'ZAR',
    category: 'lighting',
    sku: 'LAMP-001',
  }),
  active: true,
  createdAt: '2025-11-20T09:00:00.000Z',
  updatedAt: '2025-11-21T10:30:00.000Z',
  version: 2,
  ...overrides,
});

/** The products the sample requests (events/ of the HTTP services) and the benchmarks send. */
export const sampleProductInputs = () => {
  const mokaPot = sampleProductInput({
    name: 'Moka Pot 6-cup',
    description: 'Stovetop espresso maker in polished aluminium',
    price: 34.99,
    currency: 'EUR',
    category: 'Kitchen',
    sku: 'MOKA-6_ALU',
    imageUrl: 'https://images.example.com/products/moka-6.png',
  });
  return {
    mokaPot,
    mokaPotUpdated: {
      ...mokaPot,
      description: 'Stovetop espresso maker, 6 cups, now with a heat-proof handle',
      price: 29.99,
    },
    deskLamp: sampleProductInput({
      name: 'Desk Lamp',
      description: 'Adjustable LED desk lamp with a weighted base',
      price: 49.5,
      currency: 'EUR',
      category: 'Lighting',
      sku: 'LAMP-LED_01',
      imageUrl: 'https://images.example.com/products/desk-lamp.png',
    }),
  };
};
