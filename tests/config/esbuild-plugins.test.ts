import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import yaml from 'js-yaml';

// config/esbuild-plugins.js, as serverless-esbuild runs it for every function (config/esbuild.yml): the X-Ray
// SDK bundled with its context on AsyncLocalStorage and one function of semver, and still working.

const ROOT = path.resolve(__dirname, '../..');

interface XraySdk {
  getNamespace(): { run(fn: () => void): unknown };
  setSegment(segment: unknown): void;
  getSegment(): { id: string; name: string } | undefined;
  captureAsyncFunc<T>(name: string, fn: (subsegment?: { close(): void }) => T): T;
  captureAWS(sdk: { VERSION: string }): unknown;
  Segment: new (name: string) => { id: string; name: string };
}

let directory: string;
let metafile: Metafile;
let xray: XraySdk;

beforeAll(async () => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'esbuild-plugins-'));
  const config = yaml.load(readFileSync(path.join(ROOT, 'config/esbuild.yml'), 'utf8')) as BuildOptions & {
    plugins: string;
  };
  // Resolved from a service folder, as serverless-esbuild does.
  const plugins = jest.requireActual<Plugin[]>(path.resolve(ROOT, 'get-product', config.plugins));
  const entry = path.join(directory, 'entry.js');
  writeFileSync(entry, "module.exports = require('aws-xray-sdk-core');\n");
  const outfile = path.join(directory, 'out.js');
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: config.platform,
    format: config.format,
    target: config.target,
    mainFields: config.mainFields,
    nodePaths: [path.join(ROOT, 'node_modules')],
    plugins,
    metafile: true,
    logLevel: 'silent',
  });
  metafile = result.metafile;
  // The bundle, not the test's module registry (where jest maps cls-hooked too).
  xray = jest.requireActual<XraySdk>(outfile);
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

const bundledFrom = (pkg: string): string[] =>
  Object.keys(metafile.inputs).filter((input) => input.includes(`node_modules/${pkg}/`));

describe('the esbuild plugins of the function services', () => {
  it('bundle core/src/observability/cls-context.ts instead of cls-hooked and its dependencies', () => {
    expect(bundledFrom('cls-hooked')).toEqual([]);
    expect(bundledFrom('emitter-listener')).toEqual([]);
    expect(Object.keys(metafile.inputs)).toContainEqual(
      expect.stringMatching(/core\/src\/observability\/cls-context\.ts$/),
    );
  });

  it('bundle only the part of semver that semver.gte needs', () => {
    const semver = bundledFrom('semver');
    expect(semver).toContainEqual(expect.stringMatching(/semver\/functions\/gte\.js$/));
    expect(semver.filter((input) => /semver\/(index|classes\/range|ranges\/)/.test(input))).toEqual([]);
  });

  it('leave the SDK working: segments follow awaits, and its SDK v2 version check still answers', async () => {
    const parent = new xray.Segment('invocation');
    const seen: (string | undefined)[] = [];
    await new Promise<void>((resolve, reject) => {
      xray.getNamespace().run(() => {
        xray.setSegment(parent);
        xray
          .captureAsyncFunc('work', async (subsegment) => {
            await new Promise((next) => setImmediate(next));
            seen.push(xray.getSegment()?.name);
            subsegment?.close();
          })
          .then(() => {
            seen.push(xray.getSegment()?.name);
          })
          .then(resolve, reject);
      });
    });
    expect(seen).toEqual(['work', 'invocation']);
    expect(() => xray.captureAWS({ VERSION: '2.6.0' })).toThrow(
      'AWS SDK version 2.7.15 or greater required.',
    );
    expect(xray.captureAWS({ VERSION: '2.1500.0' })).toEqual({ VERSION: '2.1500.0' });
  });
});
