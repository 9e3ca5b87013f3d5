import { requireEnv } from '../../src/config';

describe('requireEnv', () => {
  afterEach(() => {
    delete process.env.PRODUCTS_TABLE_NAME;
  });

  it('returns the value of a set variable', () => {
    process.env.PRODUCTS_TABLE_NAME = 'products-dev';

    expect(requireEnv('PRODUCTS_TABLE_NAME')).toBe('products-dev');
  });

  it('names the variable when it is missing', () => {
    expect(() => requireEnv('PRODUCTS_TABLE_NAME')).toThrow(
      'Environment variable PRODUCTS_TABLE_NAME is required but is not set',
    );
  });

  it('treats a blank value as missing', () => {
    process.env.PRODUCTS_TABLE_NAME = '  ';

    expect(() => requireEnv('PRODUCTS_TABLE_NAME')).toThrow('PRODUCTS_TABLE_NAME');
  });
});
