import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';

// A bundle built as the functions are (minified, with a map beside it and no sources in it), whose
// handler throws at a known line of its TypeScript source.
const directory = mkdtempSync(path.join(tmpdir(), 'stack-traces-'));
const source = path.join(directory, 'failing-handler.ts');
const bundle = path.join(directory, 'out', 'handler.js');
const THROWING_LINE = 5;

beforeAll(() => {
  writeFileSync(
    source,
    [
      `import { mapStackTracesLazily } from ${JSON.stringify(path.resolve(__dirname, '../../src/stack-traces'))};`,
      'mapStackTracesLazily(__filename);',
      'export const handler = (productId: string) => {',
      '  const message = `cannot load ${productId}`;',
      '  throw new Error(message);',
      '};',
    ].join('\n'),
  );
  buildSync({
    entryPoints: [source],
    outfile: bundle,
    bundle: true,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    platform: 'node',
    format: 'cjs',
    logLevel: 'silent',
  });
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** The stack a fresh Node process formats for the handler's error; `afterLoad` runs before it throws. */
const stackOf = (afterLoad = '', nodeOptions: string[] = []) =>
  execFileSync(
    process.execPath,
    [
      ...nodeOptions,
      '-e',
      `const { handler } = require(${JSON.stringify(bundle)}); ${afterLoad}
       try { handler('p-1'); } catch (error) { process.stdout.write(error.stack); }`,
    ],
    { encoding: 'utf8' },
  );

describe('mapStackTracesLazily', () => {
  it('names the TypeScript file and line of each bundled frame', () => {
    const stack = stackOf();

    expect(stack.split('\n')[0]).toBe('Error: cannot load p-1');
    expect(stack).toContain(`${source}:${THROWING_LINE}:`);
    expect(stack).not.toContain(`${bundle}:`);
  });

  it('reads the source map only when a stack is formatted, not when the bundle loads', () => {
    const stack = stackOf(
      `require('node:fs').renameSync(${JSON.stringify(`${bundle}.map`)}, ${JSON.stringify(`${bundle}.moved`)});`,
    );
    renameSync(`${bundle}.moved`, `${bundle}.map`);

    expect(stack).toMatch(new RegExp(`at \\w+ \\(${bundle}:\\d+:\\d+\\)`));
    expect(stack).not.toContain(source);
  });

  it('keeps the mapping right when Node maps stacks itself (--enable-source-maps)', () => {
    const stack = stackOf('', ['--enable-source-maps']);

    expect(stack).toContain(`${source}:${THROWING_LINE}:`);
  });
});
