import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { baselineBundle, packagedBundle, PACKAGED_ROOT, type Bundle } from './bundles';
import { eventsFor, functionEnv, WORK_DIR, type BenchFunction } from './functions';
import { profileBySource, type SourceProfile } from './profile';
import { median, percentiles, ratio, round, type Percentiles } from './stats';
import type { TraceSink } from './trace-sink';

const PROBE = path.join(__dirname, 'function-probe.mjs');
const PROBE_TIMEOUT_MS = 120_000;

export interface FunctionBenchOptions {
  coldRuns: number;
  /** Warm probes per variant, alternated; their latencies are pooled. */
  warmRuns: number;
  warmup: number;
  invocations: number;
  stackEnv: Record<string, string>;
  traceSink: TraceSink;
}

interface ProbeResult {
  loadMs: number;
  firstEventMs: number;
  heapAfterFirstEvent: number;
  latencies: number[];
  outcomes: Record<string, number>;
}

export interface VariantFigures {
  handlerBytes: number;
  zipBytes?: number;
  /** Medians over the cold runs: load, first event, their sum per run, and the live heap after it. */
  cold: { loadMs: number; firstEventMs: number; initMs: number; heapMiB: number };
  warm: Percentiles & { mean: number };
  /** Status codes (or `sqs:<failed records>`) of every invocation: anything unexpected shows here. */
  outcomes: Record<string, number>;
  /** X-Ray segment documents sent per invocation (0 when the variant does not trace). */
  traceSegmentsPerInvocation: number;
}

interface Ratios {
  coldInit: number;
  heap: number;
  warmP50: number;
  warmP95: number;
  warmP99: number;
}

export interface FunctionFigures {
  /** The service, and which sample when it has two (create-product with and without Idempotency-Key). */
  name: string;
  service: string;
  calls: string;
  /** As deployed: metrics (EMF) and X-Ray tracing on, as on every deployed stage. */
  ours: VariantFigures;
  /** The same bundle with metrics and tracing off (POWERTOOLS_METRICS_DISABLED, POWERTOOLS_TRACE_ENABLED=false). */
  withoutObservability: VariantFigures;
  baseline: VariantFigures;
  /** ours / baseline. */
  ratios: Ratios;
  /** What metrics and tracing cost: ours / withoutObservability. */
  observabilityCost: Ratios;
  /** CPU ms by source (per invocation for warm), for a phase that misses its GOALS ratio. */
  profiles: Partial<Record<Phase, PhaseProfiles>>;
}

/** One profiled process per variant. */
export interface PhaseProfiles {
  ours: SourceProfile;
  withoutObservability: SourceProfile;
  baseline: SourceProfile;
}

/**
 * The most each figure may be of the bare baseline's (issue 12). Past one, the report marks the figure and
 * the bench profiles that phase, so the report can say why.
 */
export const GOALS = { coldInit: 1.05, heap: 1.2, warmP95: 1.1 } as const;

// The settings our services add to a function's environment. The baseline runs as a plain deployment of
// it would: without them (no `--enable-source-maps`, no Powertools settings it does not read).
const OUR_SETTINGS = /^(?:NODE_OPTIONS|POWERTOOLS_\w+)$/;

const plainEnv = (env: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter(([name]) => !OUR_SETTINGS.test(name)));

/**
 * The environment of a deployed stage: the packaged one is `local`'s, with tracing off; every deployed
 * stage turns it on (param tracingEnabled), and Lambda names the X-Ray daemon for any function with
 * active tracing, the baseline's included. LAMBDA_TASK_ROOT (the unzipped code) is what puts the X-Ray
 * SDK in its Lambda mode.
 */
export const deployedEnv = (
  env: Record<string, string>,
  bundle: Bundle,
  sink: TraceSink,
): Record<string, string> => ({
  ...env,
  LAMBDA_TASK_ROOT: path.dirname(path.dirname(bundle.file)),
  POWERTOOLS_TRACE_ENABLED: 'true',
  AWS_XRAY_DAEMON_ADDRESS: sink.address,
  AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
});

export const withoutObservability = (env: Record<string, string>): Record<string, string> => ({
  ...env,
  POWERTOOLS_TRACE_ENABLED: 'false',
  POWERTOOLS_METRICS_DISABLED: 'true',
});

type Phase = 'cold' | 'warm';

/** Runs the probe in a fresh Node process with only the function's environment. */
const runProbe = (
  bundle: Bundle,
  env: Record<string, string>,
  events: unknown[],
  warmup: number,
  profile = '',
) =>
  new Promise<ProbeResult>((resolve, reject) => {
    const directory = path.join(WORK_DIR, 'probe');
    mkdirSync(directory, { recursive: true });
    const [eventsFile, resultFile] = ['events', 'result'].map((name) =>
      path.join(directory, `${randomUUID()}.${name}.json`),
    ) as [string, string];
    writeFileSync(eventsFile, JSON.stringify({ events, warmup }));
    const child = spawn(process.execPath, [PROBE, bundle.file, eventsFile, resultFile, profile], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: PROBE_TIMEOUT_MS,
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        if (code !== 0) throw new Error(`probe of ${bundle.file} exited with ${code}:\n${errors}`);
        resolve(JSON.parse(readFileSync(resultFile, 'utf8')) as ProbeResult);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        rmSync(eventsFile, { force: true });
        rmSync(resultFile, { force: true });
      }
    });
  });

const addOutcomes = (total: Record<string, number>, more: Record<string, number>) => {
  for (const [outcome, count] of Object.entries(more)) total[outcome] = (total[outcome] ?? 0) + count;
};

interface Run {
  probe: ProbeResult;
  traceSegments: number;
}

const figuresOf = (bundle: Bundle, cold: Run[], warm: Run[]): VariantFigures => {
  const outcomes: Record<string, number> = {};
  const [coldRuns, warmRuns] = [cold.map(({ probe }) => probe), warm.map(({ probe }) => probe)];
  [...coldRuns, ...warmRuns].forEach((run) => addOutcomes(outcomes, run.outcomes));
  const invocations = Object.values(outcomes).reduce((sum, count) => sum + count, 0);
  const segments = [...cold, ...warm].reduce((sum, run) => sum + run.traceSegments, 0);
  const latencies = warmRuns.flatMap((run) => run.latencies);
  const mean = latencies.reduce((sum, value) => sum + value, 0) / latencies.length;
  return {
    handlerBytes: bundle.handlerBytes,
    ...(bundle.zipBytes === undefined ? {} : { zipBytes: bundle.zipBytes }),
    cold: {
      loadMs: round(median(coldRuns.map((run) => run.loadMs))),
      firstEventMs: round(median(coldRuns.map((run) => run.firstEventMs))),
      initMs: round(median(coldRuns.map((run) => run.loadMs + run.firstEventMs))),
      heapMiB: round(median(coldRuns.map((run) => run.heapAfterFirstEvent)) / 2 ** 20, 2),
    },
    warm: { ...percentiles(latencies), mean: round(mean, 2) },
    outcomes,
    traceSegmentsPerInvocation: round(segments / invocations, 2),
  };
};

const ratiosOf = (ours: VariantFigures, other: VariantFigures): Ratios => ({
  coldInit: ratio(ours.cold.initMs, other.cold.initMs),
  heap: ratio(ours.cold.heapMiB, other.cold.heapMiB),
  warmP50: ratio(ours.warm.p50, other.warm.p50),
  warmP95: ratio(ours.warm.p95, other.warm.p95),
  warmP99: ratio(ours.warm.p99, other.warm.p99),
});

/**
 * Cold init (fresh process: load the bundle, serve one event), `coldRuns` times, then warm latency over
 * `invocations` events after `warmup`, for the packaged function as deployed (metrics and tracing on), the
 * same bundle without them, and its bare baseline. Runs alternate between the three so that drift on the
 * machine touches all of them.
 */
export const benchFunction = async (
  fn: BenchFunction,
  options: FunctionBenchOptions,
): Promise<FunctionFigures> => {
  const env = functionEnv(PACKAGED_ROOT, fn.service, options.stackEnv);
  const ours = packagedBundle(fn);
  const baselineCode = await baselineBundle(fn);
  const deployed = deployedEnv(env, ours, options.traceSink);
  const variants = [
    { bundle: ours, env: deployed },
    { bundle: ours, env: withoutObservability(deployed) },
    { bundle: baselineCode, env: plainEnv(deployedEnv(env, baselineCode, options.traceSink)) },
  ] as const;
  const probe = (index: number, events: unknown[], warmup: number, profile = '') => {
    const { bundle, env } = variants[index] as (typeof variants)[number];
    return options.traceSink.countDuring(() => runProbe(bundle, env, events, warmup, profile));
  };
  const runAll = async (runs: number, events: () => unknown[], warmup: number): Promise<Run[][]> => {
    const results: Run[][] = variants.map(() => []);
    for (let run = 0; run < runs; run += 1) {
      for (const index of variants.keys()) {
        const { result, segments } = await probe(index, events(), warmup);
        results[index]?.push({ probe: result, traceSegments: segments });
      }
    }
    return results;
  };
  const warmEvents = () => eventsFor(fn, 1 + options.warmup + options.invocations);
  const cold = await runAll(options.coldRuns, () => eventsFor(fn, 1), 0);
  const warm = await runAll(options.warmRuns, warmEvents, options.warmup);
  const [asDeployed, quiet, baseline] = variants.map(({ bundle }, index) =>
    figuresOf(bundle, cold[index] ?? [], warm[index] ?? []),
  ) as [VariantFigures, VariantFigures, VariantFigures];
  const ratios = ratiosOf(asDeployed, baseline);
  // Profiles of the function as deployed, without observability, and of the baseline: the middle one
  // separates what tracing and metrics take from what the rest of our stack takes.
  const profileAll = async (phase: Phase): Promise<PhaseProfiles> => {
    const profiles: SourceProfile[] = [];
    for (const index of variants.keys()) {
      const { bundle } = variants[index] as (typeof variants)[number];
      const file = path.join(WORK_DIR, 'probe', `${randomUUID()}.cpuprofile`);
      const events = phase === 'cold' ? eventsFor(fn, 1) : warmEvents();
      await probe(index, events, options.warmup, `${phase}:${file}`);
      profiles.push(profileBySource(file, bundle.file, phase === 'cold' ? 1 : options.invocations));
      rmSync(file, { force: true });
    }
    const [ours, withoutObservability, baseline] = profiles as [SourceProfile, SourceProfile, SourceProfile];
    return { ours, withoutObservability, baseline };
  };
  const profiles: FunctionFigures['profiles'] = {};
  if (ratios.coldInit > GOALS.coldInit || ratios.heap > GOALS.heap) profiles.cold = await profileAll('cold');
  if (ratios.warmP95 > GOALS.warmP95) profiles.warm = await profileAll('warm');
  return {
    name: fn.name,
    service: fn.service,
    calls: fn.calls,
    ours: asDeployed,
    withoutObservability: quiet,
    baseline,
    ratios,
    observabilityCost: ratiosOf(asDeployed, quiet),
    profiles,
  };
};
