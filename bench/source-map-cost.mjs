// What readable stack traces cost, three ways, on a packaged function (fresh processes, medians):
// - `none`: no source map at all (minified frames): the floor.
// - `flag`: NODE_OPTIONS=--enable-source-maps, which reads and parses the whole map while the bundle loads.
// - `lazy`: what the functions do (core/src/stack-traces.ts): the map is read when a stack is first formatted.
// Each process loads the bundle (load ms, live heap after it), then serves one event that fails inside
// the bundle and is logged with its stack (first-error ms), then a second one (next-error ms). The
// logger writes errors to stderr; the figures come on stdout.
// Symbolicating afterwards with a script from the packaged .map costs the function nothing at all; its
// offline cost is `lazy`'s first-error figure minus `none`'s.
// Usage: npm run package && node bench/source-map-cost.mjs [service] [runs]
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [service = 'get-product', runs = '15'] = process.argv.slice(2);
const root = new URL('..', import.meta.url).pathname;
const zipDirectory = join(root, service, '.serverless');
const zip = readdirSync(zipDirectory).find((file) => file.endsWith('.zip'));
const work = mkdtempSync(join(tmpdir(), 'source-map-cost-'));
execFileSync('unzip', ['-q', join(zipDirectory, zip), '-d', join(work, 'mapped')]);
mkdirSync(join(work, 'unmapped', 'src'), { recursive: true });
copyFileSync(join(work, 'mapped', 'src', 'handler.js'), join(work, 'unmapped', 'src', 'handler.js'));

// An API Gateway event without requestContext: the request-context middleware throws a TypeError inside
// the bundle, and the error middleware logs it, stack included, as a 500.
const probe = `
const { setFlagsFromString } = require('node:v8');
const { runInNewContext } = require('node:vm');
const started = performance.now();
const { handler } = require(process.argv[1]);
const loadMs = performance.now() - started;
setFlagsFromString('--expose-gc');
runInNewContext('gc')();
const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
const context = { awsRequestId: 'r-1', getRemainingTimeInMillis: () => 6000 };
const badEvent = () => ({ httpMethod: 'GET', headers: {}, pathParameters: { productId: 'x' } });
(async () => {
  let at = performance.now();
  const first = await handler(badEvent(), context);
  const firstErrorMs = performance.now() - at;
  at = performance.now();
  await handler(badEvent(), context);
  const nextErrorMs = performance.now() - at;
  process.stdout.write(JSON.stringify({ loadMs, heapMiB, firstErrorMs, nextErrorMs, status: first.statusCode }));
})();`;

const env = {
  PATH: process.env.PATH,
  AWS_REGION: 'eu-west-1',
  PRODUCTS_TABLE_NAME: 'products-bench',
  PRODUCT_EVENTS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:000000000000:bbws-product-events-bench',
  AUDIT_BUCKET_NAME: 'bbws-product-audit-logs-bench',
  CURSOR_SIGNING_KEY: 'k'.repeat(64),
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
const variants = {
  none: { bundle: join(work, 'unmapped', 'src', 'handler.js'), env },
  flag: {
    bundle: join(work, 'mapped', 'src', 'handler.js'),
    env: { ...env, NODE_OPTIONS: '--enable-source-maps' },
  },
  lazy: { bundle: join(work, 'mapped', 'src', 'handler.js'), env },
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
const firstFrames = {};
for (let run = 0; run < Number(runs); run += 1) {
  for (const [name, { bundle, env: variantEnv }] of Object.entries(variants)) {
    const result = spawnSync(process.execPath, ['-e', probe, bundle], { env: variantEnv, encoding: 'utf8' });
    samples[name].push(JSON.parse(result.stdout));
    firstFrames[name] ??= /"stack":"[^"\\]*(?:\\.[^"\\]*)*?\\n\s*at ([^"\\]*)/.exec(result.stderr)?.[1];
  }
}

const map = statSync(join(work, 'mapped', 'src', 'handler.js.map')).size;
console.log(
  `${service}: ${runs} fresh processes per variant; source map ${(map / 1024).toFixed(0)} KiB; ${process.version}`,
);
console.log(
  '| variant | load ms | heap after load MiB | first error ms | next error ms | first frame logged |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [name, values] of Object.entries(samples)) {
  const figure = (key, digits = 1) => median(values.map((value) => value[key])).toFixed(digits);
  console.log(
    `| ${name} | ${figure('loadMs')} | ${figure('heapMiB', 2)} | ${figure('firstErrorMs')} | ${figure('nextErrorMs')} | ${firstFrames[name]?.replace(work, '') ?? 'n/a'} |`,
  );
}
rmSync(work, { recursive: true, force: true });
