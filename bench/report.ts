import type { ChartPanel } from './chart';
import { GOALS, type FunctionFigures } from './function-bench';
import type { ListCost } from './list-cost';
import type { LocalStackFigures } from './local-stack';
import type { SourceProfile } from './profile';

export interface BenchResults {
  generatedAt: string;
  machine: {
    cpu: string;
    nproc: number;
    memoryGiB: number;
    node: string;
    os: string;
    loadAverage: { before: number; after: number };
  };
  settings: Record<string, number | string>;
  functions: FunctionFigures[];
  listCost: ListCost;
  localStack: LocalStackFigures | { skipped: string };
  benchSeconds: number;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)}`;
const triple = ({ p50, p95, p99 }: { p50: number; p95: number; p99: number }) => `${p50} / ${p95} / ${p99}`;
const times = (value: number) => `${value.toFixed(2)}x`;
// A ratio past its goal is marked, so a miss cannot hide in a table.
const MISS = '✗';
const against = (value: number, goal: number) => (value > goal ? `${times(value)} ${MISS}` : times(value));

export const GOALS_LEGEND = `${MISS} misses the goal: cold init ≤ ${times(GOALS.coldInit)}, heap ≤ ${times(GOALS.heap)}, warm p95 ≤ ${times(GOALS.warmP95)} the baseline's.`;

const table = (header: string[], rows: Array<Array<string | number>>) =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

const cost = (value: number) => `${value >= 1 ? '+' : '−'}${Math.abs((value - 1) * 100).toFixed(0)}%`;

export const functionTables = (functions: FunctionFigures[]): string =>
  [
    'As deployed: metrics (EMF) and X-Ray tracing on, against the bare baseline making the same SDK calls.',
    table(
      [
        'function',
        'SDK calls',
        'handler.js KiB (baseline)',
        'zip KiB',
        'load ms',
        'first event ms',
        'cold init ms',
        'baseline cold init ms (load + first)',
        'cold ratio',
        'heap MiB (baseline)',
        'heap ratio',
      ],
      functions.map(({ name, calls, ours, baseline, ratios }) => [
        name,
        calls,
        `${kib(ours.handlerBytes)} (${kib(baseline.handlerBytes)})`,
        kib(ours.zipBytes ?? 0),
        ours.cold.loadMs,
        ours.cold.firstEventMs,
        ours.cold.initMs,
        `${baseline.cold.initMs} (${baseline.cold.loadMs} + ${baseline.cold.firstEventMs})`,
        against(ratios.coldInit, GOALS.coldInit),
        `${ours.cold.heapMiB} (${baseline.cold.heapMiB})`,
        against(ratios.heap, GOALS.heap),
      ]),
    ),
    table(
      [
        'function',
        'warm p50 / p95 / p99 ms',
        'baseline p50 / p95 / p99 ms',
        'ratio p50 / p95 / p99',
        'outcomes (ours; baseline)',
      ],
      functions.map(({ name, ours, baseline, ratios }) => [
        name,
        triple(ours.warm),
        triple(baseline.warm),
        `${times(ratios.warmP50)} / ${against(ratios.warmP95, GOALS.warmP95)} / ${times(ratios.warmP99)}`,
        `${JSON.stringify(ours.outcomes)}; ${JSON.stringify(baseline.outcomes)}`,
      ]),
    ),
    GOALS_LEGEND,
    'Cost of observability: the same bundle as deployed against it with metrics and tracing off (POWERTOOLS_METRICS_DISABLED=true, POWERTOOLS_TRACE_ENABLED=false).',
    table(
      [
        'function',
        'X-Ray segments / invocation',
        'cold init ms (off)',
        'cold cost',
        'heap MiB (off)',
        'warm p50 ms (off)',
        'warm p50 cost',
        'warm p95 ms (off)',
        'warm p95 cost',
      ],
      functions.map(({ name, ours, withoutObservability: off, observabilityCost }) => [
        name,
        ours.traceSegmentsPerInvocation,
        `${ours.cold.initMs} (${off.cold.initMs})`,
        cost(observabilityCost.coldInit),
        `${ours.cold.heapMiB} (${off.cold.heapMiB})`,
        `${ours.warm.p50} (${off.warm.p50})`,
        cost(observabilityCost.warmP50),
        `${ours.warm.p95} (${off.warm.p95})`,
        cost(observabilityCost.warmP95),
      ]),
    ),
    ...profileTables(functions),
  ].join('\n\n');

const topSources = ({ top }: SourceProfile) => top.map(({ source, ms }) => `${source} ${ms}`).join(', ');

/** Where the CPU went in each phase that missed its goal: the largest sources of each variant. */
const profileTables = (functions: FunctionFigures[]): string[] => {
  const rows = functions.flatMap(({ name, profiles }) =>
    Object.entries(profiles).flatMap(([phase, profile]) =>
      profile
        ? [
            [
              name,
              phase,
              `${profile.ours.stackMs} (${profile.withoutObservability.stackMs})`,
              topSources(profile.ours),
              topSources(profile.withoutObservability),
              topSources(profile.baseline),
            ],
          ]
        : [],
    ),
  );
  if (rows.length === 0) return [];
  return [
    table(
      [
        'function',
        'phase',
        'stack CPU ms (without observability)',
        'ours as deployed: CPU ms by source',
        'ours without observability',
        'baseline',
      ],
      rows,
    ),
  ];
};

export const listCostTable = (cost: ListCost): string =>
  `${table(
    ['query', 'page', 'items returned', 'items read (ScannedCount)', 'capacity units'],
    cost.pages.map((page) => [page.query, page.page, page.returned, page.read, page.capacityUnits ?? 'n/a']),
  )}\n\nItems read per item returned: ${cost.itemsRead} / ${cost.itemsReturned} = ${cost.readPerReturned}`;

export const localStackTables = (figures: LocalStackFigures): string =>
  [
    table(
      ['route', 'requests', 'req/s', 'mean ms', 'p50', 'p90', 'p97.5', 'p99', 'max', 'non-2xx', 'errors'],
      figures.load.map(({ route, requests, requestsPerSecond, latencyMs, non2xx, errors }) => [
        route,
        requests,
        requestsPerSecond,
        latencyMs.mean,
        latencyMs.p50,
        latencyMs.p90,
        latencyMs.p97_5,
        latencyMs.p99,
        latencyMs.max,
        non2xx,
        errors,
      ]),
    ),
    `autocannon: ${figures.connections} connections, ${figures.durationSeconds} s per route; system ready in ${figures.startupMs} ms`,
    `Create backlog: ${figures.createBacklog.events} events applied ${figures.createBacklog.drainMs} ms after the POST run ended`,
    `POST-to-visible (${figures.postToVisibleMs.samples} sequential POSTs, GET polled every 5 ms): p50 ${figures.postToVisibleMs.p50} ms, p95 ${figures.postToVisibleMs.p95} ms, max ${figures.postToVisibleMs.max} ms`,
    `Consumers (${figures.consumers.events} CREATE events published in ${figures.consumers.publishMs} ms): product-creator ${figures.consumers.productCreator.eventsPerSecond} events/s (${figures.consumers.productCreator.applied} in ${figures.consumers.productCreator.ms} ms), audit-logger ${figures.consumers.auditLogger.eventsPerSecond} events/s (${figures.consumers.auditLogger.applied} in ${figures.consumers.auditLogger.ms} ms)`,
  ].join('\n\n');

/** The chart's panels: warm and cold latency per function against the baseline, then the local stack. */
export const chartPanels = (results: BenchResults): ChartPanel[] => {
  const functionRows = (pick: (figures: FunctionFigures, variant: 'ours' | 'baseline') => number[]) =>
    results.functions.flatMap((figures) => [
      { label: figures.name, values: pick(figures, 'ours'), tone: 'ours' as const },
      { label: 'baseline', values: pick(figures, 'baseline'), tone: 'baseline' as const },
    ]);
  const panels: ChartPanel[] = [
    {
      title: 'Warm invocation, in process, against the emulators',
      series: ['p50', 'p95', 'p99'],
      rows: functionRows((figures, variant) => {
        const { p50, p95, p99 } = figures[variant].warm;
        return [p50, p95, p99];
      }),
    },
    {
      title: 'Cold init: fresh process loads the bundle, then serves its first event (medians)',
      series: ['load', 'load + first event'],
      rows: functionRows((figures, variant) => [figures[variant].cold.loadMs, figures[variant].cold.initMs]),
    },
  ];
  if ('load' in results.localStack) {
    panels.push({
      title: 'Local stack over HTTP (npm start), autocannon',
      series: ['p50', 'p90', 'p99'],
      rows: results.localStack.load.map(({ route, latencyMs }) => ({
        label: route.replace('/v1.0/products', '').trim() || route,
        values: [latencyMs.p50, latencyMs.p90, latencyMs.p99],
        tone: 'ours' as const,
      })),
    });
  }
  return panels;
};
