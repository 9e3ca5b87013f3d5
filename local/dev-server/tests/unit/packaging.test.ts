import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertPackagedForLocal, staleServices } from '../../src/packaging';

let root: string;

// A compose project of one service, packaged for `stage`, its package newer than its sources.
const packagedFor = (stage: string) => {
  const packaged = path.join(root, 'get-product/.serverless');
  mkdirSync(packaged, { recursive: true });
  writeFileSync(path.join(root, 'get-product/serverless.yml'), 'service: get-product\n');
  const past = new Date(Date.now() - 60_000);
  utimesSync(path.join(root, 'get-product/serverless.yml'), past, past);
  const code = { S3Bucket: 'bucket', S3Key: `serverless/get-product/${stage}/1-2026/get-product.zip` };
  const getProduct = { Type: 'AWS::Lambda::Function', Properties: { Code: code } };
  writeFileSync(
    path.join(packaged, 'cloudformation-template-update-stack.json'),
    JSON.stringify({ Resources: { GetProductLambdaFunction: getProduct } }),
  );
  writeFileSync(path.join(packaged, 'get-product.zip'), '');
};

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'bbws-packaging-'));
  writeFileSync(
    path.join(root, 'serverless-compose.yml'),
    'services:\n  get-product:\n    path: get-product\n',
  );
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('packages npm start repackages', () => {
  it('counts an up-to-date package of the local stage as current', () => {
    packagedFor('local');

    expect(staleServices(root)).toEqual([]);
    expect(() => assertPackagedForLocal(root)).not.toThrow();
  });

  it('repackages a package of another stage, however recent, and says why', () => {
    packagedFor('dev');

    expect(staleServices(root)).toEqual([{ name: 'get-product', reason: 'packaged for stage dev' }]);
  });

  it('refuses a package of another stage under --no-package, saying how to fix it', () => {
    packagedFor('dev');

    expect(() => assertPackagedForLocal(root)).toThrow(
      'Packaged for another stage: get-product (stage dev). npm start serves stage local: run npm run package, or start without --no-package to repackage them.',
    );
  });

  it('packages a service that was never packaged', () => {
    mkdirSync(path.join(root, 'get-product'));

    expect(staleServices(root)).toEqual([{ name: 'get-product', reason: 'not packaged yet' }]);
  });
});
