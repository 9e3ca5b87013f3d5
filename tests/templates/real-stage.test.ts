import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, type CfnTemplate } from './support/templates';

// Every other template test reads the `local` stage. This one packages infrastructure for `dev` and
// checks that what the local stage adds for the emulators stays out of a real stage. It packages a
// copy: packaging in place would empty infrastructure/.serverless, which other suites read meanwhile.
// Beside the copy, the shared config, core (whose contracts give the API's route resources) and the
// compose file (whose services the dashboard and saved queries name), and the packages they load.
const packageInfrastructure = (stage: string): CfnTemplate => {
  const checkout = mkdtempSync(join(tmpdir(), `infrastructure-${stage}-`));
  for (const shared of ['config', 'core', 'serverless-compose.yml', 'node_modules'])
    symlinkSync(join(repoRoot, shared), join(checkout, shared));
  const copy = join(checkout, 'infrastructure');
  cpSync(join(repoRoot, 'infrastructure', 'serverless.yml'), join(copy, 'serverless.yml'));
  cpSync(join(repoRoot, 'infrastructure', 'resources'), join(copy, 'resources'), { recursive: true });
  execFileSync(join(repoRoot, 'node_modules', '.bin', 'serverless'), ['package', '--stage', stage], {
    cwd: copy,
    stdio: 'pipe',
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1' },
  });
  const file = join(copy, '.serverless', 'cloudformation-template-update-stack.json');
  return JSON.parse(readFileSync(file, 'utf8')) as CfnTemplate;
};

describe('the infrastructure template of a real stage (dev)', () => {
  const template = packageInfrastructure('dev');

  it('names every resource after the stage', () => {
    expect(template.Resources.ProductsTable?.Properties?.TableName).toBe('products-dev');
    expect(template.Resources.ProductApi?.Properties?.Name).toBe('bbws-product-api-dev');
    expect(template.Resources.ApiKeySecret?.Properties?.Name).toBe('bbws/product-api/key-dev');
  });

  it('allows no browser origin (not listed in config/cors.yml): preflight methods switched off, and an Output compose can pass on as a --param', () => {
    const preflights = Object.values(template.Resources).filter(
      (resource) =>
        resource.Type === 'AWS::ApiGateway::Method' && resource.Properties?.HttpMethod === 'OPTIONS',
    );
    expect(preflights.length).toBeGreaterThan(0);
    expect(preflights.map((method) => method.Condition)).toEqual(
      preflights.map(() => 'AllowsBrowserOrigins'),
    );
    expect(template.Conditions?.AllowsBrowserOrigins).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'CorsAllowedOrigins' }, 'none'] }],
    });
    expect(template.Parameters?.CorsAllowedOrigins).toMatchObject({ Default: 'none' });
    expect(template.Outputs?.CorsAllowedOrigins?.Value).toEqual({ Ref: 'CorsAllowedOrigins' });
  });

  it('gives the MOCK health method no integration URI (only the emulator needs one)', () => {
    const integration = template.Resources.HealthMethod?.Properties?.Integration as Record<string, unknown>;
    expect(integration.Type).toBe('MOCK');
    expect(integration.Uri).toEqual({ Ref: 'AWS::NoValue' });
  });
});
