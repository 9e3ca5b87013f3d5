// One fresh Node process that only loads a bundle (Lambda's init phase without the first event), then
// measures what an `await` costs in it, and the heap it keeps. Used by bench/tracing-cost.ts to split the
// X-Ray tracer's cost from the rest, with no emulator or network involved.
// Usage: node bench/load-probe.mjs <bundle.js> <result.json>
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const [bundle, resultFile] = process.argv.slice(2);
const require = createRequire(import.meta.url);

const started = performance.now();
require(bundle);
const loadMs = performance.now() - started;

// Every promise the function's code and the AWS SDK create passes through the async hooks installed in
// this process (cls-hooked's, when the X-Ray SDK runs in Lambda mode): the per-promise tax, in µs.
const AWAITS = 20_000;
const awaitsStarted = performance.now();
for (let index = 0; index < AWAITS; index += 1) await null;
const awaitUs = ((performance.now() - awaitsStarted) * 1000) / AWAITS;

setFlagsFromString('--expose-gc');
runInNewContext('gc')();
writeFileSync(resultFile, JSON.stringify({ loadMs, awaitUs, heapAfterLoad: process.memoryUsage().heapUsed }));
process.exit(0);
