import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { functionServiceNames, repoRoot, serviceYaml } from '../templates/support/templates';

interface ComposeFile {
  state?: { backend?: string; prefix?: string };
  services: Record<string, { dependsOn?: string[]; params?: Record<string, string> }>;
}
const compose = load(readFileSync(join(repoRoot, 'serverless-compose.yml'), 'utf8')) as ComposeFile;
const PRODUCERS = ['create-product', 'update-product', 'delete-product'];
const CONSUMERS = ['product-creator', 'audit-logger'];

describe('serverless-compose.yml', () => {
  it('keeps its state in S3, where every checkout and runner finds it', () => {
    expect(compose.state).toEqual({ backend: 's3', prefix: 'bbws-product-api' });
  });

  it('deploys the producers of change events after both consumers (docs/change-events.md)', () => {
    for (const producer of PRODUCERS)
      expect([producer, compose.services[producer]?.dependsOn]).toEqual([producer, CONSUMERS]);
  });

  it('makes the consumers and readers wait for nothing but the infrastructure', () => {
    for (const service of functionServiceNames.filter((name) => !PRODUCERS.includes(name))) {
      expect([service, compose.services[service]?.dependsOn]).toEqual([service, undefined]);
    }
  });
});

const withFileSources = (text: string) => text.replace(/\$\{file\(([^)]+)\)(:\w+)?\}/g, 'file:$1$2');

describe('the params block of every function service', () => {
  it.each(functionServiceNames)('%s: local stand-ins, and the infrastructure stack by default', (service) => {
    const { params: shared } = load(withFileSources(serviceYaml(service))) as { params: string };
    const { params } = load(
      withFileSources(readFileSync(join(repoRoot, 'config', 'function-service.yml'), 'utf8')),
    ) as { params: Record<string, string> };

    expect(shared).toBe('file:../config/function-service.yml:params');
    expect(params).toEqual({
      local: 'file:../config/local-params.js',
      default: 'file:../config/infrastructure-params.js',
    });
  });
});
