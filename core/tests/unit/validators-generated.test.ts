import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generatedValidatorFiles } from '../../src/validators/compile';

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

    expect([...new Set(required)].sort()).toEqual([
      'ajv-formats/dist/formats',
      'ajv/dist/runtime/ucs2length',
    ]);
  });
});
