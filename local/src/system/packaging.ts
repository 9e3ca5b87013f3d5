import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { composeServices, packagedFile, type ComposeService } from './services';

// Folders whose files never reach a package.
const NOT_PACKAGED = new Set(['node_modules', '.serverless', '.esbuild', 'tests', 'events', 'coverage']);

const newestFile = (target: string): number => {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(target)
    .filter((name) => !NOT_PACKAGED.has(name))
    .reduce((newest, name) => Math.max(newest, newestFile(path.join(target, name))), 0);
};

const outputsOf = (service: ComposeService): string[] => {
  const outputs = ['cloudformation-template-update-stack.json', 'serverless-state.json'].map((file) =>
    packagedFile(service, file),
  );
  const zips = existsSync(packagedFile(service, ''))
    ? readdirSync(packagedFile(service, '')).filter((file) => file.endsWith('.zip'))
    : [];
  return [...outputs, ...zips.map((file) => packagedFile(service, file))];
};

const oldestOutput = (service: ComposeService): number =>
  Math.min(...outputsOf(service).map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));

/**
 * Services whose packaged output is missing or older than what goes into it: the service's own files,
 * the shared config, core (bundled into every function) and the lock file.
 */
export const staleServices = (root: string): string[] => {
  const shared = Math.max(
    ...['config', 'core/src', 'core/package.json', 'package-lock.json'].map((item) =>
      newestFile(path.join(root, item)),
    ),
  );
  return composeServices(root)
    .filter((service) => oldestOutput(service) < Math.max(shared, newestFile(service.directory)))
    .map((service) => service.name);
};

/** Runs scripts/package-all.mjs for these services (all when none given), its progress lines to `log`. */
export const packageServices = (root: string, services: string[] | undefined, log: (line: string) => void) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'scripts/package-all.mjs'), ...(services ? ['--only', services.join(',')] : [])],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().trim().split('\n').forEach(log));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`Packaging failed (exit code ${code}):\n${errors.trim()}`)),
    );
  });
