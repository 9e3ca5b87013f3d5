#!/usr/bin/env node
// Measures each function's packaged bundle: size, and cold init = the time a fresh Node process takes to
// load the bundle and build its handler (what Lambda's init phase runs, minus the runtime's own start).
// Usage: npm run package && node scripts/cold-init.mjs [--runs 15]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const compose = load(readFileSync(join(root, 'serverless-compose.yml'), 'utf8'));
const functionServices = Object.entries(compose.services).filter(([name]) => name !== 'infrastructure');

// Values only have to exist: loading a handler reads its configuration, it calls nothing.
const env = {
  ...process.env,
  AWS_REGION: 'eu-west-1',
  PRODUCTS_TABLE_NAME: 'products-bench',
  PRODUCT_EVENTS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:000000000000:bbws-product-events-bench',
  AUDIT_BUCKET_NAME: 'bbws-product-audit-logs-bench',
  CURSOR_SIGNING_KEY: 'k'.repeat(64),
};

const probe = `const started = process.hrtime.bigint();
require(process.argv[1]);
process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6));`;

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log('| function | zip | handler.js | cold init, median of %s (ms) |', options.runs);
console.log('| --- | --- | --- | --- |');
for (const [name, { path }] of functionServices) {
  const zip = readdirSync(join(root, path, '.serverless')).find((file) => file.endsWith('.zip'));
  const zipPath = join(root, path, '.serverless', zip);
  const dir = mkdtempSync(join(tmpdir(), `cold-init-${name}-`));
  execFileSync('unzip', ['-q', zipPath, '-d', dir]);
  const bundle = join(dir, 'src', 'handler.js');
  const times = Array.from({ length: Number(options.runs) }, () =>
    Number(execFileSync(process.execPath, ['-e', probe, bundle], { env, encoding: 'utf8' })),
  );
  const kib = (file) => `${(statSync(file).size / 1024).toFixed(0)} KiB`;
  console.log(`| ${name} | ${kib(zipPath)} | ${kib(bundle)} | ${median(times).toFixed(1)} |`);
  rmSync(dir, { recursive: true, force: true });
}
