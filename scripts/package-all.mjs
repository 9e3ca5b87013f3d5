#!/usr/bin/env node
// Packages every service of serverless-compose.yml to CloudFormation, offline (`serverless package`).
// Usage: npm run package [-- --stage local] [--concurrency 2] [--only get-product,infrastructure]
// Fails when a service fails or prints a warning: a warning here is a template defect.
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: {
    stage: { type: 'string', default: 'local' },
    concurrency: { type: 'string', default: '2' },
    only: { type: 'string' },
  },
});
const compose = yaml.load(readFileSync(join(root, 'serverless-compose.yml'), 'utf8'));
const only = options.only?.split(',');
const services = Object.entries(compose.services)
  .map(([name, { path }]) => ({ name, path }))
  .filter(({ name }) => !only || only.includes(name));
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
  const file = join(root, path, '.serverless', 'cloudformation-template-update-stack.json');
  return `${(statSync(file).size / 1024).toFixed(1)} KiB`;
};

const results = [];
let done = 0;
const queue = [...services];
const worker = async () => {
  for (let next = queue.shift(); next; next = queue.shift()) {
    const result = await packageService(next);
    const warned = /warning/i.test(result.output);
    const ok = result.code === 0 && !warned;
    done += 1;
    const detail = ok ? `template ${templateSize(result.path)}` : warned ? 'printed a warning' : 'failed';
    console.log(`[${done}/${services.length}] ${result.name}: ${detail} (${result.seconds.toFixed(1)} s)`);
    results.push({ ...result, ok });
  }
};

console.log(`Packaging ${services.length} services for stage ${options.stage}...`);
await Promise.all(Array.from({ length: Number(options.concurrency) }, worker));
const failed = results.filter((result) => !result.ok);
for (const { name, output } of failed) console.error(`\n--- ${name} ---\n${output.trim()}`);
if (failed.length > 0) {
  console.error(`\n${failed.length} of ${services.length} services did not package cleanly.`);
  process.exit(1);
}
console.log(`All ${services.length} services packaged to <service>/.serverless/.`);
