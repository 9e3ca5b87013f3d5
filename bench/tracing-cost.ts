import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGED_ROOT, packagedBundle } from './bundles';
import { deployedEnv } from './function-bench';
import { FUNCTIONS, WORK_DIR, functionEnv } from './functions';
import { median, round } from './stats';
import { startTraceSink } from './trace-sink';

// The X-Ray tracer's share of a function's init, from fresh processes that only load the packaged bundle
// (no first event, no emulators, so less noise than the full bench): as deployed (tracing on, the X-Ray SDK
// in its Lambda mode) against tracing off (neither the Powertools Tracer nor the X-Ray SDK evaluated), runs
// alternating. In each it also times an `await`: what cls-hooked's async hook, which the X-Ray SDK installs
// in Lambda mode, adds to every promise the function's code and the AWS SDK create.
// Usage: npx tsx bench/tracing-cost.ts [--runs 20] [--only get-product,...]; uses the bench's snapshot of
// the packaged services (run `npm run bench` once first).

const PROBE = path.join(__dirname, 'load-probe.mjs');

interface Figures {
  loadMs: number;
  awaitUs: number;
  heapMiB: number;
}

interface LoadResult {
  loadMs: number;
  awaitUs: number;
  heapAfterLoad: number;
}

const load = (bundle: string, env: Record<string, string>) =>
  new Promise<LoadResult>((resolve, reject) => {
    const directory = path.join(WORK_DIR, 'probe');
    mkdirSync(directory, { recursive: true });
    const resultFile = path.join(directory, `${randomUUID()}.load.json`);
    const child = spawn(process.execPath, [PROBE, bundle, resultFile], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        if (code !== 0) throw new Error(`load of ${bundle} exited with ${code}:\n${errors}`);
        resolve(JSON.parse(readFileSync(resultFile, 'utf8')) as LoadResult);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        rmSync(resultFile, { force: true });
      }
    });
  });

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, only: { type: 'string' } },
});
const runs = Number(values.runs);
const only = values.only?.split(',');
const services = [...new Set(FUNCTIONS.map(({ service }) => service))].filter(
  (service) => !only || only.includes(service),
);

const main = async () => {
  const sink = await startTraceSink();
  const rows: string[] = [
    '| function | load ms: deployed / tracing off | tracer load ms | await µs: deployed / off | heap after load MiB: deployed / off |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const service of services) {
    const fn = FUNCTIONS.find((each) => each.service === service) as (typeof FUNCTIONS)[number];
    const bundle = packagedBundle(fn);
    const deployed = deployedEnv(functionEnv(PACKAGED_ROOT, service, {}), bundle, sink);
    const variants = [deployed, { ...deployed, POWERTOOLS_TRACE_ENABLED: 'false' }];
    const results: LoadResult[][] = variants.map(() => []);
    for (let run = 0; run < runs; run += 1) {
      for (const [index, env] of variants.entries()) results[index]?.push(await load(bundle.file, env));
    }
    const [on, off] = results.map((variant) => ({
      loadMs: median(variant.map((each) => each.loadMs)),
      awaitUs: median(variant.map((each) => each.awaitUs)),
      heapMiB: median(variant.map((each) => each.heapAfterLoad)) / 2 ** 20,
    })) as [Figures, Figures];
    rows.push(
      `| ${service} | ${round(on.loadMs)} / ${round(off.loadMs)} | ${round(on.loadMs - off.loadMs)} | ${round(on.awaitUs, 2)} / ${round(off.awaitUs, 2)} | ${round(on.heapMiB, 2)} / ${round(off.heapMiB, 2)} |`,
    );
    console.log(rows.at(-1));
  }
  await sink.close();
  console.log(`\n${runs} fresh processes per variant, alternating; medians\n${rows.join('\n')}`);
};

void main();
