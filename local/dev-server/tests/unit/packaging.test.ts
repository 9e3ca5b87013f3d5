import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSystem } from '../../src/start-system';

// Which services are stale is the packager's decision: tests/config/package-all.test.ts.

let root: string;

const writePackagedTemplate = (service: string, resources: Record<string, unknown>) => {
  mkdirSync(path.join(root, service, '.serverless'), { recursive: true });
  writeFileSync(
    path.join(root, service, '.serverless/cloudformation-template-update-stack.json'),
    JSON.stringify({ Resources: resources }),
  );
};

// A compose project whose infrastructure is packaged for stage local and get-product for `stage`.
const packagedFor = (stage: string) => {
  writeFileSync(
    path.join(root, 'serverless-compose.yml'),
    'services:\n  infrastructure:\n    path: infrastructure\n  get-product:\n    path: get-product\n',
  );
  mkdirSync(path.join(root, 'config'));
  writeFileSync(path.join(root, 'config/local-params.js'), 'module.exports = {};\n');
  writePackagedTemplate('infrastructure', {
    ApiGatewayStage: { Type: 'AWS::ApiGateway::Stage', Properties: { StageName: 'local' } },
  });
  const code = { S3Bucket: 'bucket', S3Key: `serverless/get-product/${stage}/1-2026/get-product.zip` };
  writePackagedTemplate('get-product', {
    GetProductLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { Code: code } },
  });
};

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'bbws-packaging-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('packages npm start serves', () => {
  it('starts from packages of stage local under --no-package', async () => {
    packagedFor('local');

    const system = startSystem({
      root,
      packaging: 'never',
      apiKeyFile: null,
      awsEndpoint: 'http://127.0.0.1:9',
    });

    // Past the stage check, on to the functions: the fixture has no bundle to run.
    await expect(system).rejects.toThrow(/ENOENT.*get-product\.zip/);
  });

  it('refuses a package of another stage under --no-package, saying how to fix it', async () => {
    packagedFor('dev');

    await expect(startSystem({ root, packaging: 'never', apiKeyFile: null })).rejects.toThrow(
      'Packaged for another stage: get-product (stage dev). npm start serves stage local: run npm run package, or start without --no-package to repackage them.',
    );
  });
});
