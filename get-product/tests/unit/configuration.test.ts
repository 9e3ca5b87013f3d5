import './environment';

const loadHandler = () =>
  jest.isolateModulesAsync(async () => {
    await import('../../src/handler');
  });

describe('get-product configuration', () => {
  const saved = { ...process.env };

  afterEach(() => {
    process.env = { ...saved };
  });

  it('loads when the table name is set', async () => {
    await expect(loadHandler()).resolves.toBeUndefined();
  });

  it('fails at cold start when PRODUCTS_TABLE_NAME is not set', async () => {
    Reflect.deleteProperty(process.env, 'PRODUCTS_TABLE_NAME');

    await expect(loadHandler()).rejects.toThrow('Environment variable PRODUCTS_TABLE_NAME is required');
  });
});
