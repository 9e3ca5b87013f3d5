import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import {
  functionServiceNames,
  loadTemplate,
  repoRoot,
  resourcesOfType,
  serviceNames,
} from '../templates/support/templates';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

interface Workflow {
  on: Record<
    string,
    { inputs?: Record<string, { options?: string[]; type?: string; default?: string }> } | null
  >;
  permissions?: Record<string, string>;
  jobs: Record<
    string,
    { uses?: string; with?: Record<string, string>; environment?: string; steps?: Step[] }
  >;
}

const folder = join(repoRoot, '.github', 'workflows');
const files = readdirSync(folder).filter((file) => file.endsWith('.yml'));
const read = (file: string) => readFileSync(join(folder, file), 'utf8');
// js-yaml reads the key `on` as the string "on" (YAML 1.2), which is what GitHub does too.
const workflow = (file: string) => load(read(file)) as Workflow;
const stepsOf = (file: string) => Object.values(workflow(file).jobs).flatMap((job) => job.steps ?? []);
const commands = (file: string) => stepsOf(file).flatMap((step) => (step.run ? [step.run.trim()] : []));

describe('the workflows', () => {
  it('are the CI workflow, the reusable deploy and one manual deploy per stage', () => {
    expect(files.sort()).toEqual([
      'ci.yml',
      'deploy-dev.yml',
      'deploy-prod.yml',
      'deploy-sit.yml',
      'deploy.yml',
    ]);
  });

  it('never hold AWS access keys: credentials come from OIDC role assumption', () => {
    for (const file of files)
      expect(read(file)).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET/i);
  });
});

describe('ci.yml', () => {
  it('runs on pull requests and pushes', () => {
    expect(Object.keys(workflow('ci.yml').on).sort()).toEqual(['pull_request', 'push']);
  });

  it('runs the suite on Node 20 (the oldest supported) and Node 24 (what Lambda runs)', () => {
    const [job] = Object.values(workflow('ci.yml').jobs) as Array<{
      strategy?: { matrix?: { node?: number[] } };
      steps?: Step[];
    }>;
    const setupNode = job?.steps?.find((step) => step.uses?.startsWith('actions/setup-node'));

    expect(job?.strategy?.matrix?.node).toEqual([20, 24]);
    expect(setupNode?.with?.['node-version']).toBe('${{ matrix.node }}');
  });

  it('installs from the lock file, tests and packages', () => {
    expect(commands('ci.yml')).toEqual(expect.arrayContaining(['npm ci', 'npm test', 'npm run package']));
    const order = ['npm ci', 'npm test', 'npm run package'].map((command) =>
      commands('ci.yml').indexOf(command),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe.each(['dev', 'sit', 'prod'])('deploy-%s.yml', (stage) => {
  const file = `deploy-${stage}.yml`;

  it('is started by hand, naming all or one service of the compose project (deploy.yml checks which)', () => {
    const input = workflow(file).on.workflow_dispatch?.inputs?.service;
    expect(input).toMatchObject({ type: 'string', default: 'all' });
    expect(input?.options).toBeUndefined();
  });

  it(`calls the shared deploy workflow with stage ${stage}`, () => {
    const jobs = Object.values(workflow(file).jobs);
    expect(jobs).toEqual([
      { uses: './.github/workflows/deploy.yml', with: { stage, service: '${{ inputs.service }}' } },
    ]);
  });

  it('may request an OIDC token', () => {
    expect(workflow(file).permissions).toMatchObject({ 'id-token': 'write' });
  });
});

describe('deploy.yml', () => {
  const [job] = Object.values(workflow('deploy.yml').jobs);
  const steps = job?.steps ?? [];
  const run = (name: string) => steps.find((step) => step.name === name)?.run ?? '';
  const checkService = (service: string) =>
    spawnSync('bash', ['-e', '-c', run('Check the service name')], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, SERVICE: service },
      encoding: 'utf8',
    });

  it('is reusable and deploys in the GitHub environment of its stage', () => {
    expect(Object.keys(workflow('deploy.yml').on)).toEqual(['workflow_call']);
    expect(job?.environment).toBe('${{ inputs.stage }}');
  });

  it('checks the service, installs, tests, packages, assumes a role, deploys and smoke-tests, in that order', () => {
    const names = steps.map((step) => step.name).filter(Boolean);
    expect(names.slice(0, 8)).toEqual([
      'Check the service name',
      'Install',
      'Test',
      'Package',
      'Assume the deploy role',
      'Deploy',
      'Smoke test',
      'Write the API key file',
    ]);
    expect(steps.find((step) => step.name === 'Assume the deploy role')).toMatchObject({
      uses: expect.stringMatching(/^aws-actions\/configure-aws-credentials@/),
      with: { 'role-to-assume': '${{ vars.AWS_DEPLOY_ROLE_ARN }}' },
    });
  });

  it('builds and deploys on the Node version of .nvmrc, which is the Lambda runtime of every service', () => {
    const setupNode = steps.find((step) => step.uses?.startsWith('actions/setup-node'));
    const runtimes = functionServiceNames.flatMap((service) =>
      resourcesOfType(loadTemplate(service), 'AWS::Lambda::Function').map(
        ([, lambda]) => lambda.Properties?.Runtime,
      ),
    );

    expect(setupNode?.with?.['node-version-file']).toBe('.nvmrc');
    expect(readFileSync(join(repoRoot, '.nvmrc'), 'utf8').trim()).toBe('24');
    expect(new Set(runtimes)).toEqual(new Set(['nodejs24.x']));
  });

  it.each(['all', ...serviceNames])('accepts %s as the service to deploy', (service) => {
    expect(checkService(service)).toMatchObject({ status: 0 });
  });

  it('refuses a service that serverless-compose.yml does not have, naming those it has', () => {
    const refused = checkService('list-product');

    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain("No service 'list-product' in serverless-compose.yml");
    expect(refused.stdout).toContain(serviceNames.join(' '));
  });

  it('deploys everything through compose, or one service by name', () => {
    expect(run('Deploy')).toContain('npx serverless deploy --stage "$STAGE"');
    expect(run('Deploy')).toContain('npx serverless "$SERVICE:deploy" --stage "$STAGE"');
    expect(run('Smoke test')).toContain('npm run smoke -- --stage "$STAGE"');
  });

  it('passes compose no option it refuses: the region is the services’ own, params come from the state', () => {
    expect(run('Deploy')).not.toMatch(/npx serverless[^\n]*--(region|param)\b/);
  });

  it('keeps the API key file as an artifact for dev only', () => {
    const keySteps = steps.filter((step) => /API key/.test(step.name ?? ''));
    expect(keySteps).toHaveLength(2);
    for (const step of keySteps) expect(step.if).toBe("inputs.stage == 'dev'");
  });
});
