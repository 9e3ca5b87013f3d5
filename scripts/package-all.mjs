#!/usr/bin/env node
// Packages every service of serverless-compose.yml to CloudFormation, offline (`serverless package`).
// Usage: npm run package [-- --stage local] [--concurrency 2] [--only get-product,infrastructure]
//          [--if-stale [--dry-run]] [--root DIR]
// --if-stale packages only the services whose packaged output is missing, packaged for another stage, or
// older than its sources, saying why for each (npm start runs this); --dry-run then only says so.
// --root: the compose project to package (this checkout by default).
// Fails when a service fails or prints a warning: a warning here is a template defect.
// Prints how long is left as it goes: from this machine's previous run (.local/package-times.json) until
// the services of this run finish, then from those.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setInterval, clearInterval } from 'node:timers';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';

const { values: options } = parseArgs({
  options: {
    stage: { type: 'string', default: 'local' },
    concurrency: { type: 'string', default: '2' },
    only: { type: 'string' },
    'if-stale': { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    root: { type: 'string', default: join(dirname(fileURLToPath(import.meta.url)), '..') },
  },
});
if (options['dry-run'] && !options['if-stale']) {
  console.error('--dry-run goes with --if-stale: it says which services are stale and why.');
  process.exit(2);
}
const { root } = options;
const compose = yaml.load(readFileSync(join(root, 'serverless-compose.yml'), 'utf8'));
const only = options.only?.split(',');
const selected = Object.entries(compose.services)
  .map(([name, { path }]) => ({ name, path }))
  .filter(({ name }) => !only || only.includes(name));

const PACKAGED_TEMPLATE = 'cloudformation-template-update-stack.json';
// Folders whose files never reach a package; `outputs` holds the API keys (npm start writes the local one).
const NOT_PACKAGED = new Set([
  'node_modules',
  '.serverless',
  '.esbuild',
  'tests',
  'events',
  'coverage',
  'outputs',
]);

const newestFile = (target) => {
  const stats = statSync(target, { throwIfNoEntry: false });
  if (!stats?.isDirectory()) return stats?.mtimeMs ?? 0;
  return readdirSync(target)
    .filter((name) => !NOT_PACKAGED.has(name))
    .reduce((newest, name) => Math.max(newest, newestFile(join(target, name))), 0);
};

/**
 * The stage a packaged template was packaged for: the deployment bucket key of its functions' code
 * (`serverless/<service>/<stage>/...`), or its API stage; undefined when there is none.
 */
const packagedStage = (template) => {
  const resources = Object.values(template.Resources ?? {});
  const propertyOf = (type) => resources.find(({ Type }) => Type === type)?.Properties;
  const stageName = propertyOf('AWS::ApiGateway::Stage')?.StageName;
  return (
    propertyOf('AWS::Lambda::Function')?.Code?.S3Key?.split('/')[2] ??
    (typeof stageName === 'string' ? stageName : undefined)
  );
};

// What goes into every package besides the service's own folder: core is bundled into every function.
const sharedSources = ['config', 'core/src', 'core/package.json', 'package-lock.json'];

/**
 * Why a service needs packaging for the stage, undefined when it does not: its packaged output (the
 * template and the zips) is missing, packaged for another stage (`serverless package --stage dev` writes
 * to the same folder), or older than what goes into it: its own files, the shared sources.
 */
const staleness = ({ path }, sharedAt) => {
  const output = join(root, path, '.serverless');
  const template = join(output, PACKAGED_TEMPLATE);
  if (!existsSync(template)) return 'not packaged yet';
  const stage = packagedStage(JSON.parse(readFileSync(template, 'utf8')));
  if (stage === undefined) return 'not packaged yet';
  if (stage !== options.stage) return `packaged for stage ${stage}`;
  const zips = readdirSync(output).filter((file) => file.endsWith('.zip'));
  const packagedAt = Math.min(...[PACKAGED_TEMPLATE, ...zips].map((file) => newestFile(join(output, file))));
  if (packagedAt < Math.max(sharedAt, newestFile(join(root, path))))
    return 'packaged output older than its sources';
  return undefined;
};

const staleServices = () => {
  const sharedAt = Math.max(...sharedSources.map((item) => newestFile(join(root, item))));
  return selected.flatMap((service) => {
    const reason = staleness(service, sharedAt);
    return reason ? [{ ...service, reason }] : [];
  });
};

const services = options['if-stale'] ? staleServices() : selected;
const count = (list) => `${list.length} service${list.length === 1 ? '' : 's'}`;
if (options['if-stale']) {
  for (const { name, reason } of services) console.log(`Packaging ${name}: ${reason}`);
  if (services.length === 0) {
    console.log(`All ${count(selected)} packaged and up to date for stage ${options.stage}.`);
    process.exit(0);
  }
  if (options['dry-run']) {
    console.log('Dry run: packaged nothing.');
    process.exit(0);
  }
}
const serverlessBin = join(root, 'node_modules', '.bin', 'serverless');

const packageService = ({ name, path }) =>
  new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(serverlessBin, ['package', '--stage', options.stage], {
      cwd: join(root, path),
      env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) =>
      resolve({ name, path, code, output, seconds: (Date.now() - started) / 1000 }),
    );
  });

const templateSize = (path) => {
  const file = join(root, path, '.serverless', PACKAGED_TEMPLATE);
  return `${(statSync(file).size / 1024).toFixed(1)} KiB`;
};

const TIMES_FILE = join(root, '.local', 'package-times.json');
// Before anything has been measured on this machine: about what one service takes on 2 idle cores.
const DEFAULT_SECONDS = 8;
const PROGRESS_EVERY_MS = 10_000;

const previousTimes = () => {
  try {
    return JSON.parse(readFileSync(TIMES_FILE, 'utf8'));
  } catch {
    return {};
  }
};

const concurrency = Number(options.concurrency);
const started = Date.now();
const known = previousTimes();
const results = [];
const running = new Map();
let done = 0;

/**
 * Seconds one service is expected to take: its last time here, else the mean of this run so far, else
 * at least as long as the running ones have taken already.
 */
const expectedSeconds = (name) => {
  const thisRun = results.map((result) => result.seconds);
  const mean = thisRun.length > 0 ? thisRun.reduce((a, b) => a + b, 0) / thisRun.length : undefined;
  const runningFor = [...running.values()].map((since) => (Date.now() - since) / 1000);
  return known[name] ?? mean ?? Math.max(DEFAULT_SECONDS, ...runningFor);
};

const secondsLeft = () => {
  const now = Date.now();
  const runningLeft = [...running].map(([name, since]) =>
    Math.max(1, expectedSeconds(name) - (now - since) / 1000),
  );
  const queuedLeft = queue.map(({ name }) => expectedSeconds(name));
  return Math.round([...runningLeft, ...queuedLeft].reduce((a, b) => a + b, 0) / concurrency);
};

const left = () => (done === services.length ? 'done' : `about ${secondsLeft()} s left`);

const queue = [...services];
const worker = async () => {
  for (let next = queue.shift(); next; next = queue.shift()) {
    running.set(next.name, Date.now());
    const result = await packageService(next);
    running.delete(next.name);
    const warned = /warning/i.test(result.output);
    const ok = result.code === 0 && !warned;
    done += 1;
    results.push({ ...result, ok });
    const detail = ok ? `template ${templateSize(result.path)}` : warned ? 'printed a warning' : 'failed';
    console.log(
      `[${done}/${services.length}] ${result.name}: ${detail} (${result.seconds.toFixed(1)} s; ${left()})`,
    );
  }
};

console.log(
  `Packaging ${count(services)} for stage ${options.stage}, ${concurrency} at a time (${left()})...`,
);
const progress = setInterval(
  () =>
    console.log(
      `... ${done}/${services.length} packaged after ${Math.round((Date.now() - started) / 1000)} s, ${left()}`,
    ),
  PROGRESS_EVERY_MS,
);
await Promise.all(Array.from({ length: concurrency }, worker));
clearInterval(progress);
mkdirSync(dirname(TIMES_FILE), { recursive: true });
writeFileSync(
  TIMES_FILE,
  JSON.stringify({
    ...known,
    ...Object.fromEntries(results.filter((r) => r.ok).map((r) => [r.name, r.seconds])),
  }),
);
const failed = results.filter((result) => !result.ok);
for (const { name, output } of failed) console.error(`\n--- ${name} ---\n${output.trim()}`);
if (failed.length > 0) {
  console.error(`\n${failed.length} of ${count(services)} did not package cleanly.`);
  process.exit(1);
}
console.log(
  `${count(services)} packaged to <service>/.serverless/ in ${Math.round((Date.now() - started) / 1000)} s.`,
);
