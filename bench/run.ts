import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { createAwsClients, startLocalStack } from '@bbws/local-aws';
import { cleanBaselines, ensurePackaged, snapshotPackages } from './bundles';
import { renderChart } from './chart';
import { benchFunction, type FunctionFigures } from './function-bench';
import { FUNCTIONS, ROOT, sampleProductIds } from './functions';
import { measureListCost } from './list-cost';
import { benchLocalStack } from './local-stack';
import { chartPanels, functionTables, listCostTable, localStackTables, type BenchResults } from './report';
import { seedProducts } from './seed';
import { round } from './stats';
import { startTraceSink } from './trace-sink';

const USAGE = `Benchmarks every function as deployed (metrics and X-Ray tracing on) against the same bundle
without them and against a bare baseline; the list page cost and the local stack.
Writes bench/results.json and docs/performance-latency.svg; prints the tables.

Usage: npm run bench -- [options]
  --cold-runs N      fresh-process cold inits per function and per baseline (default 15)
  --invocations N    timed warm invocations after --warmup ones (defaults 500 and 50)
  --warm-runs N      warm probes per function and per baseline, alternated and pooled (default 3)
  --duration S       autocannon seconds per route (default 10)
  --connections N    autocannon connections (default 10)
  --only a,b         these functions only
  --no-local-stack   skip the npm start part`;

const { values: flags } = parseArgs({
  options: {
    'cold-runs': { type: 'string', default: '15' },
    invocations: { type: 'string', default: '500' },
    'warm-runs': { type: 'string', default: '3' },
    warmup: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
    'no-local-stack': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const RESULTS_FILE = path.join(ROOT, 'bench/results.json');
const CHART_FILE = path.join(ROOT, 'docs/performance-latency.svg');
const LIST_PRODUCTS = 120;
const DELETED_PRODUCTS = 40;

const machine = (loadAverageBefore: number[]) => ({
  cpu: os.cpus()[0]?.model ?? 'unknown',
  nproc: os.availableParallelism(),
  memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
  node: process.version,
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  // Other work on the machine skews every figure: the 1-minute load average before and after the run.
  loadAverage: { before: round(loadAverageBefore[0] ?? 0), after: round(os.loadavg()[0] ?? 0) },
});

/** Function-level figures and the list cost, on one provisioned local stack without consumers. */
const benchFunctions = async (settings: {
  coldRuns: number;
  warmRuns: number;
  warmup: number;
  invocations: number;
}) => {
  const stack = await startLocalStack();
  const traceSink = await startTraceSink();
  try {
    const tableName = stack.resource('ProductsTable').name;
    const clients = createAwsClients(stack.env);
    await seedProducts(clients.dynamodb, tableName, {
      productIds: sampleProductIds(),
      active: LIST_PRODUCTS,
      deleted: DELETED_PRODUCTS,
    });
    clients.destroy();
    // First, while the table holds only the seeded products (product-creator's runs add more).
    const listCost = await measureListCost(stack.env, tableName);
    const functions: FunctionFigures[] = [];
    const only = flags.only?.split(',');
    for (const fn of FUNCTIONS.filter(({ service }) => !only || only.includes(service))) {
      console.log(
        `${fn.name}: ${settings.coldRuns} cold runs each (as deployed, without metrics and tracing, baseline), then ${settings.warmRuns} x ${settings.invocations} warm invocations`,
      );
      functions.push(await benchFunction(fn, { ...settings, stackEnv: stack.env, traceSink }));
    }
    return { functions, listCost };
  } finally {
    await traceSink.close();
    await stack.stop();
  }
};

const main = async () => {
  if (flags.help) return console.log(USAGE);
  const started = performance.now();
  const loadAverageBefore = os.loadavg();
  ensurePackaged();
  await snapshotPackages();
  cleanBaselines();
  const settings = {
    coldRuns: Number(flags['cold-runs']),
    warmRuns: Number(flags['warm-runs']),
    warmup: Number(flags.warmup),
    invocations: Number(flags.invocations),
  };
  const { functions, listCost } = await benchFunctions(settings);
  const localOptions = {
    durationSeconds: Number(flags.duration),
    connections: Number(flags.connections),
    postToVisibleSamples: 50,
    consumerEvents: 1000,
  };
  console.log(
    flags['no-local-stack']
      ? 'Local stack skipped'
      : 'Local stack (startSystem): autocannon, POST-to-visible, consumers',
  );
  const localStack = flags['no-local-stack']
    ? { skipped: '--no-local-stack' }
    : await benchLocalStack(localOptions);
  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    machine: machine(loadAverageBefore),
    settings: {
      ...settings,
      ...localOptions,
      listProducts: LIST_PRODUCTS,
      deletedProducts: DELETED_PRODUCTS,
    },
    functions,
    listCost,
    localStack,
    benchSeconds: Math.round((performance.now() - started) / 1000),
  };
  // Formatted as prettier would, so that `npm run lint` stays clean after a run.
  const prettierOptions = await resolveConfig(RESULTS_FILE);
  writeFileSync(
    RESULTS_FILE,
    await format(JSON.stringify(results), { ...prettierOptions, filepath: RESULTS_FILE }),
  );
  writeFileSync(
    CHART_FILE,
    renderChart('BBWS product API: latency percentiles (npm run bench)', chartPanels(results)),
  );
  console.log(`\n${functionTables(functions)}\n\n${listCostTable(listCost)}`);
  if ('load' in localStack) console.log(`\n${localStackTables(localStack)}`);
  console.log(`\n${JSON.stringify(results.machine)}; ${results.benchSeconds} s`);
  console.log(`Wrote ${path.relative(ROOT, RESULTS_FILE)} and ${path.relative(ROOT, CHART_FILE)}`);
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
