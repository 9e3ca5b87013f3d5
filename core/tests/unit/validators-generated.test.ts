import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { auditRecordSchema, changeEventSchema } from '../../src/schemas/change-event';
import { productInputSchema } from '../../src/schemas/product';
import { compileSchema, generatedValidatorFiles } from '../../src/validators/compile';
import type { CompiledSchema } from '../../src/validators/compiled-schema';
import { auditRecord, changeEvent } from '../../src/validators/generated/plain';
import { createProductBody } from '../../src/validators/generated/plain';

const directory = path.join(__dirname, '..', '..', 'src', 'validators', 'generated');

describe('the generated validators (core/src/validators/generated)', () => {
  const expected = generatedValidatorFiles();

  it('are exactly the files npm run validators writes', () => {
    expect(readdirSync(directory).sort()).toEqual(Object.keys(expected).sort());
  });

  it('match the current schemas: after changing a schema, run `npm run validators`', () => {
    const stale = Object.entries(expected)
      .filter(([file, contents]) => readFileSync(path.join(directory, file), 'utf8') !== contents)
      .map(([file]) => file);

    expect(stale).toEqual([]);
  });

  it('load no ajv compiler: only ajv runtime helpers and the format checks', () => {
    const required = Object.values(expected).flatMap((contents) =>
      [...contents.matchAll(/require\("([^"]+)"\)/g)].map(([, module]) => module),
    );

    expect([...new Set(required)].sort()).toEqual(['../formats', 'ajv/dist/runtime/ucs2length']);
  });
});

// Shared schemas are `$ref`s in the generated code: the errors a caller sees must be those of the schema
// compiled as written, where the same schema is simply embedded.
const reported = (validate: CompiledSchema, value: unknown) => {
  validate(value);
  return (validate.errors ?? []).map(({ instancePath, keyword, params, message, parentSchema }) => ({
    instancePath,
    keyword,
    params,
    message,
    description: parentSchema?.description,
  }));
};

const badProduct = { name: '', price: 1.001, currency: 'eur', imageUrl: 'http://x', colour: 'blue' };
const badEvent = {
  schemaVersion: 1,
  eventId: 'not-a-uuid',
  eventType: 'UPDATE',
  productId: 'p',
  occurredAt: 'yesterday',
  product: badProduct,
  actor: { apiKeyId: '', sourceIp: '1.2.3.4' },
};

describe('a validator that calls a shared schema', () => {
  it.each([
    ['changeEvent', changeEvent, changeEventSchema, badEvent],
    ['auditRecord', auditRecord, auditRecordSchema, { event: badEvent, delivery: { receiveCount: 0 } }],
    [
      'createProduct (its request body)',
      createProductBody,
      { type: 'object', properties: { body: productInputSchema }, required: ['body'] },
      { body: badProduct },
    ],
  ])('%s reports what the schema compiled as written reports', (_name, generated, schema, value) => {
    const expected = reported(compileSchema(schema), value);

    expect(expected.length).toBeGreaterThan(5);
    expect(reported(generated, value)).toEqual(expected);
  });
});
