import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const script = path.join(__dirname, '../../scripts/package-all.mjs');
let root: string;

// A compose project of one service, packaged for `stage` a minute ago, after its sources were written.
const packagedFor = (stage: string) => {
  const packaged = path.join(root, 'get-product/.serverless');
  mkdirSync(packaged, { recursive: true });
  writeFileSync(path.join(root, 'get-product/serverless.yml'), 'service: get-product\n');
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  utimesSync(path.join(root, 'get-product/serverless.yml'), minutesAgo(2), minutesAgo(2));
  const code = { S3Bucket: 'bucket', S3Key: `serverless/get-product/${stage}/1-2026/get-product.zip` };
  const getProduct = { Type: 'AWS::Lambda::Function', Properties: { Code: code } };
  writeFileSync(
    path.join(packaged, 'cloudformation-template-update-stack.json'),
    JSON.stringify({ Resources: { GetProductLambdaFunction: getProduct } }),
  );
  writeFileSync(path.join(packaged, 'get-product.zip'), '');
  for (const file of ['cloudformation-template-update-stack.json', 'get-product.zip'])
    utimesSync(path.join(packaged, file), minutesAgo(1), minutesAgo(1));
};

// The fixture has no node_modules: running serverless there would fail.
const packageIfStale = (...flags: string[]) => {
  const args = [script, '--root', root, '--stage', 'local', '--if-stale', ...flags];
  const { status, stdout, stderr } = spawnSync(process.execPath, args, { encoding: 'utf8' });
  return { status, lines: stdout.trim().split('\n'), stderr };
};

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'bbws-packaging-'));
  writeFileSync(
    path.join(root, 'serverless-compose.yml'),
    'services:\n  get-product:\n    path: get-product\n',
  );
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('npm run package -- --if-stale', () => {
  it('counts an up-to-date package of the stage as current and runs no serverless', () => {
    packagedFor('local');

    expect(packageIfStale()).toEqual({
      status: 0,
      lines: ['All 1 service packaged and up to date for stage local.'],
      stderr: '',
    });
  });

  it('repackages a package of another stage, however recent, and says why', () => {
    packagedFor('dev');

    expect(packageIfStale('--dry-run')).toEqual({
      status: 0,
      lines: ['Packaging get-product: packaged for stage dev', 'Dry run: packaged nothing.'],
      stderr: '',
    });
  });

  it('repackages a package older than a source of its service', () => {
    packagedFor('local');
    writeFileSync(path.join(root, 'get-product/handler.ts'), 'export {};\n');

    expect(packageIfStale('--dry-run').lines).toEqual([
      'Packaging get-product: packaged output older than its sources',
      'Dry run: packaged nothing.',
    ]);
  });

  it('does not repackage a service for the API key npm start writes to its outputs folder', () => {
    packagedFor('local');
    mkdirSync(path.join(root, 'get-product/outputs'));
    writeFileSync(path.join(root, 'get-product/outputs/api-keys-local.txt'), 'API_KEY_LOCAL=x\n');

    expect(packageIfStale().lines).toEqual(['All 1 service packaged and up to date for stage local.']);
  });

  it('packages a service that was never packaged', () => {
    mkdirSync(path.join(root, 'get-product'));

    expect(packageIfStale('--dry-run').lines).toEqual([
      'Packaging get-product: not packaged yet',
      'Dry run: packaged nothing.',
    ]);
  });
});
