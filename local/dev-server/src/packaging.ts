import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadTemplate } from '@bbws/local-aws';
import type { ResolvedOptions } from './options';
import { composeServices, packagedFile, PACKAGED_TEMPLATE, type ComposeService } from './services';

// Folders whose files never reach a package.
const NOT_PACKAGED = new Set(['node_modules', '.serverless', '.esbuild', 'tests', 'events', 'coverage']);

const newestFile = (target: string): number => {
  const stats = statSync(target, { throwIfNoEntry: false });
  if (!stats?.isDirectory()) return stats?.mtimeMs ?? 0;
  return readdirSync(target)
    .filter((name) => !NOT_PACKAGED.has(name))
    .reduce((newest, name) => Math.max(newest, newestFile(path.join(target, name))), 0);
};

/** When the oldest of what `serverless package` wrote (the template and the zips) was written; 0 if any is missing. */
const oldestOutput = (service: ComposeService): number => {
  const folder = packagedFile(service, '');
  const zips = existsSync(folder) ? readdirSync(folder).filter((file) => file.endsWith('.zip')) : [];
  return Math.min(...[PACKAGED_TEMPLATE, ...zips].map((file) => newestFile(packagedFile(service, file))));
};

/** The stage npm start serves, and packages for. */
const LOCAL_STAGE = 'local';

/**
 * The stage a service was last packaged for, from its packaged template: the deployment bucket key of its
 * functions' code (`serverless/<service>/<stage>/...`), or its API stage; undefined when there is none.
 */
const packagedStage = (service: ComposeService): string | undefined => {
  const file = packagedFile(service, PACKAGED_TEMPLATE);
  if (!existsSync(file)) return undefined;
  const resources = Object.values(loadTemplate(file).Resources);
  const propertyOf = (type: string) => resources.find(({ Type }) => Type === type)?.Properties;
  const code = propertyOf('AWS::Lambda::Function')?.Code as { S3Key?: string } | undefined;
  const stageName = propertyOf('AWS::ApiGateway::Stage')?.StageName;
  return code?.S3Key?.split('/')[2] ?? (typeof stageName === 'string' ? stageName : undefined);
};

/**
 * Services whose packaged output is missing, packaged for another stage (`serverless package --stage dev`
 * writes to the same folder), or older than what goes into it: the service's own files, the shared config,
 * core (bundled into every function) and the lock file; each with why, for the progress line.
 */
export const staleServices = (root: string) => {
  const shared = Math.max(
    ...['config', 'core/src', 'core/package.json', 'package-lock.json'].map((item) =>
      newestFile(path.join(root, item)),
    ),
  );
  return composeServices(root).flatMap((service) => {
    const { name } = service;
    const stage = packagedStage(service);
    const packagedAt = oldestOutput(service);
    if (packagedAt === 0 || stage === undefined) return [{ name, reason: 'not packaged yet' }];
    if (stage !== LOCAL_STAGE) return [{ name, reason: `packaged for stage ${stage}` }];
    if (packagedAt < Math.max(shared, newestFile(service.directory)))
      return [{ name, reason: 'packaged output older than its sources' }];
    return [];
  });
};

/** Refuses packages of another stage when packaging is off: they name another stage's resources. */
export const assertPackagedForLocal = (root: string): void => {
  const others = composeServices(root).flatMap((service) => {
    const stage = packagedStage(service);
    return stage !== undefined && stage !== LOCAL_STAGE ? [`${service.name} (stage ${stage})`] : [];
  });
  if (others.length > 0)
    throw new Error(
      `Packaged for another stage: ${others.join(', ')}. npm start serves stage ${LOCAL_STAGE}: run npm run package, or start without --no-package to repackage them.`,
    );
};

/** Runs scripts/package-all.mjs for the services named (all when none given), its progress lines to `log`. */
const packageServices = async (root: string, log: (line: string) => void, names?: string[]) => {
  const only = names ? ['--only', names.join(',')] : [];
  const script = path.join(root, 'scripts/package-all.mjs');
  const child = spawn(process.execPath, [script, ...only], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => chunk.toString().trim().split('\n').forEach(log));
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`Packaging failed (exit code ${code}):\n${errors.trim()}`);
};

/**
 * Packages what npm start serves: the stale services (`if-stale`), every service (`always`), or none
 * (`never`, refusing packages of another stage).
 */
export const packageForLocal = async ({ root, packaging, log }: ResolvedOptions): Promise<void> => {
  if (packaging === 'never') return assertPackagedForLocal(root);
  if (packaging === 'always') return packageServices(root, log);
  const stale = staleServices(root);
  stale.forEach(({ name, reason }) => log(`Packaging ${name}: ${reason}`));
  const names = stale.map(({ name }) => name);
  if (names.length > 0) await packageServices(root, log, names);
};
