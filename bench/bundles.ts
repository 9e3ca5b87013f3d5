import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import yaml from 'js-yaml';
import { FUNCTIONS, ROOT, WORK_DIR, type BenchFunction } from './functions';

export interface Bundle {
  /** The handler file to require. */
  file: string;
  handlerBytes: number;
  /** The deployment zip; the baseline has none. */
  zipBytes?: number;
}

/**
 * A copy of what `npm run package` wrote (serverless-compose.yml and every service's .serverless/): the
 * root both the function benches and startSystem read, so packaging started meanwhile changes nothing.
 */
export const PACKAGED_ROOT = path.join(WORK_DIR, 'root');

const SETTLE_MS = 3000;
const SETTLE_LIMIT_MS = 180_000;

const composeServices = (): string[] =>
  Object.keys(
    (yaml.load(readFileSync(path.join(ROOT, 'serverless-compose.yml'), 'utf8')) as { services: object })
      .services,
  );

const newestChange = (directory: string): number =>
  existsSync(directory)
    ? Math.max(0, ...readdirSync(directory).map((file) => statSync(path.join(directory, file)).mtimeMs))
    : Number.POSITIVE_INFINITY;

const packagedZip = (service: string, root = ROOT): string | undefined => {
  const directory = path.join(root, service, '.serverless');
  const zip = existsSync(directory)
    ? readdirSync(directory).find((file) => file.endsWith('.zip'))
    : undefined;
  return zip && path.join(directory, zip);
};

/** Runs `npm run package` when any function's packaged zip is missing. */
export const ensurePackaged = (): void => {
  const missing = FUNCTIONS.filter(({ service }) => !packagedZip(service)).map(({ service }) => service);
  if (missing.length === 0) return;
  console.log(`No packaged bundle for ${missing.join(', ')}: running npm run package`);
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/package-all.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
};

/** Copies the packaged output once no service's .serverless/ has changed for a few seconds. */
export const snapshotPackages = async (): Promise<void> => {
  const services = composeServices();
  const started = Date.now();
  const settled = () =>
    services.every(
      (service) => Date.now() - newestChange(path.join(ROOT, service, '.serverless')) > SETTLE_MS,
    );
  while (!settled()) {
    if (Date.now() - started > SETTLE_LIMIT_MS)
      throw new Error('Packaged output kept changing: is packaging running?');
    await delay(500);
  }
  rmSync(PACKAGED_ROOT, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'serverless-compose.yml'), path.join(PACKAGED_ROOT, 'serverless-compose.yml'));
  for (const service of services) {
    cpSync(path.join(ROOT, service, '.serverless'), path.join(PACKAGED_ROOT, service, '.serverless'), {
      recursive: true,
    });
  }
};

/** The function's packaged src/handler.js, unzipped as Lambda would. */
export const packagedBundle = (fn: BenchFunction): Bundle => {
  const zip = packagedZip(fn.service, PACKAGED_ROOT) as string;
  const directory = path.join(WORK_DIR, 'bundles', fn.service);
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  execFileSync('unzip', ['-q', zip, '-d', directory]);
  const file = path.join(directory, 'src/handler.js');
  return { file, handlerBytes: statSync(file).size, zipBytes: statSync(zip).size };
};

// The esbuild options of config/esbuild.yml (the rest of that file is serverless-esbuild's own).
const functionBuildOptions = (): BuildOptions => {
  const config = yaml.load(readFileSync(path.join(ROOT, 'config/esbuild.yml'), 'utf8')) as BuildOptions;
  const { bundle, minify, sourcemap, sourcesContent, target, platform, format, mainFields } = config;
  return { bundle, minify, sourcemap, sourcesContent, target, platform, format, mainFields };
};

/** The bare handler, bundled with the functions' esbuild options. */
export const baselineBundle = async (fn: BenchFunction): Promise<Bundle> => {
  const file = path.join(WORK_DIR, 'baseline', fn.baseline, 'handler.js');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    await build({
      ...functionBuildOptions(),
      entryPoints: [path.join(ROOT, 'bench/baseline', `${fn.baseline}.ts`)],
      outfile: file,
      logLevel: 'warning',
    });
  }
  return { file, handlerBytes: statSync(file).size };
};

/** Starts each run from fresh baseline builds. */
export const cleanBaselines = (): void =>
  rmSync(path.join(WORK_DIR, 'baseline'), { recursive: true, force: true });
