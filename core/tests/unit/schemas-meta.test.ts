import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import * as core from '../../src';

// The runtime compiles schemas without checking them against the meta-schema (a cold-start cost);
// this is where they are checked.
const schemas = Object.entries(core).filter(
  ([name, value]) => name.endsWith('Schema') && typeof value === 'object',
) as [string, object][];

describe('every exported schema', () => {
  it('is found', () => {
    expect(schemas.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'productInputSchema',
        'changeEventSchema',
        'listProductsQuerySchema',
        'productPageSchema',
      ]),
    );
  });

  it.each(schemas)('%s is valid JSON Schema 2020-12 and compiles in strict mode', (_name, schema) => {
    const ajv = new Ajv2020({ strict: true, validateSchema: true });
    addFormats(ajv, ['date-time', 'uri', 'uuid']);

    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });
});
