import { randomUUID } from 'node:crypto';
import { productInputSchema, type Product, type ProductInput } from '@bbws/core';
import { invalidFieldValues, sampleProductInputs } from '@bbws/testing';

/** The Moka Pot of the sample events, with every field of the product input schema. */
export const validProductInput: ProductInput = sampleProductInputs().mokaPot;

/** A product input with one field replaced or, when the value is undefined, removed. */
export const productInputWith = (changes: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries({ ...validProductInput, ...changes }).filter(([, value]) => value !== undefined),
  );

/** [rule broken, body, the fields the 400 must name]: every rule of the product input schema. */
export const invalidProductInputs: Array<[string, unknown, string[]]> = [
  ['a blank name', productInputWith({ name: '   ' }), ['name']],
  ['an empty name', productInputWith({ name: '' }), ['name']],
  ['a name over 200 characters', productInputWith({ name: 'n'.repeat(201) }), ['name']],
  [
    'a description over 2000 characters',
    productInputWith({ description: 'd'.repeat(2001) }),
    ['description'],
  ],
  ['a negative price', productInputWith({ price: -0.01 }), ['price']],
  ['a price over 1e9', productInputWith({ price: 1_000_000_000.01 }), ['price']],
  ['a price with three decimals', productInputWith({ price: 19.999 }), ['price']],
  ['a price given as a string', productInputWith({ price: '19.99' }), ['price']],
  ['a lower-case currency', productInputWith({ currency: 'eur' }), ['currency']],
  ['a two-letter currency', productInputWith({ currency: 'EU' }), ['currency']],
  ['an empty category', productInputWith({ category: '' }), ['category']],
  ['a category over 100 characters', productInputWith({ category: 'c'.repeat(101) }), ['category']],
  ['a sku with a space', productInputWith({ sku: 'MOKA 6' }), ['sku']],
  ['a sku over 64 characters', productInputWith({ sku: 's'.repeat(65) }), ['sku']],
  ['an http image URL', productInputWith({ imageUrl: 'http://images.example.com/moka.png' }), ['imageUrl']],
  ['an image URL that is not a URI', productInputWith({ imageUrl: 'moka pot.png' }), ['imageUrl']],
  [
    'an image URL over 2048 characters',
    productInputWith({ imageUrl: `https://images.example.com/${'p'.repeat(2022)}` }),
    ['imageUrl'],
  ],
  ['a property the schema does not define', productInputWith({ colour: 'silver' }), ['colour']],
  ['no name', productInputWith({ name: undefined }), ['name']],
  ['no price', productInputWith({ price: undefined }), ['price']],
  ['no currency', productInputWith({ currency: undefined }), ['currency']],
  ['an empty object', {}, ['name', 'price', 'currency']],
  [
    'several bad fields',
    productInputWith({ price: -1, currency: 'euro', sku: '#1' }),
    ['price', 'currency', 'sku'],
  ],
  ['a JSON array', [validProductInput], ['body']],
  ['JSON null', null, ['body']],
  // Every rule of every field, from the schema itself: a field added there is checked here too.
  ...invalidFieldValues(productInputSchema).map(({ field, rule, value }): [string, unknown, string[]] => [
    `${field} breaking ${rule} with ${JSON.stringify(value).slice(0, 24)}`,
    productInputWith({ [field]: value }),
    [field],
  ]),
];

/** A product as the products table holds it; active at version 3 unless told otherwise. */
export const storedProduct = (changes: Partial<Product> = {}): Product => ({
  productId: randomUUID(),
  name: 'Moka Pot 6-cup',
  price: 34.99,
  currency: 'EUR',
  active: true,
  createdAt: '2025-01-10T09:00:00.000Z',
  updatedAt: '2025-02-01T12:30:00.000Z',
  version: 3,
  ...changes,
});

/** The same product soft-deleted, as the consumer leaves it. */
export const deletedProduct = (changes: Partial<Product> = {}): Product =>
  storedProduct({ active: false, deletedAt: '2025-03-01T08:00:00.000Z', version: 4, ...changes });
