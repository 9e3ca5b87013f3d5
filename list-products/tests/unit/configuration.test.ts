import './environment';

const loadHandler = () =>
  jest.isolateModulesAsync(async () => {
    await import('../../src/handler');
  });

describe('list-products configuration', () => {
  const saved = { ...process.env };

  afterEach(() => {
    process.env = { ...saved };
  });

  it('loads when the table name and cursor signing key are set', async () => {
    await expect(loadHandler()).resolves.toBeUndefined();
  });

  it.each([['PRODUCTS_TABLE_NAME'], ['CURSOR_SIGNING_KEY']])(
    'fails at cold start when %s is not set',
    async (name) => {
      Reflect.deleteProperty(process.env, name);

      await expect(loadHandler()).rejects.toThrow(`Environment variable ${name} is required`);
    },
  );
});
