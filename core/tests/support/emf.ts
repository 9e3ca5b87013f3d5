/** One metric value of a CloudWatch Embedded Metric Format line, with one of its dimension sets. */
export interface EmittedMetric {
  namespace: string;
  name: string;
  unit: string;
  value: number;
  dimensions: Record<string, string>;
}

interface EmfDocument {
  _aws: {
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [field: string]: unknown;
}

const isEmf = (value: unknown): value is EmfDocument =>
  typeof value === 'object' && value !== null && '_aws' in value;

/** The metrics of the EMF lines among `lines`, one entry per metric and dimension set. */
export const metricsOf = (lines: string[]): EmittedMetric[] =>
  lines.flatMap((line) => {
    let document: unknown;
    try {
      document = JSON.parse(line);
    } catch {
      return [];
    }
    if (!isEmf(document)) return [];
    const emf = document;
    return emf._aws.CloudWatchMetrics.flatMap(({ Namespace, Dimensions, Metrics }) =>
      Metrics.flatMap(({ Name, Unit }) =>
        Dimensions.map((names) => ({
          namespace: Namespace,
          name: Name,
          unit: Unit,
          value: Number(emf[Name]),
          dimensions: Object.fromEntries(names.map((name) => [name, String(emf[name])])),
        })),
      ),
    );
  });

/**
 * Turns metrics on (jest.setup.cjs turns them off) and records what the functions write to stdout while
 * `run` runs; returns the metrics among it.
 */
export const captureMetrics = async (run: () => Promise<unknown>): Promise<EmittedMetric[]> => {
  const disabled = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n'));
    return true;
  });
  try {
    await run();
  } finally {
    write.mockRestore();
    if (disabled === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
    else process.env.POWERTOOLS_METRICS_DISABLED = disabled;
  }
  return metricsOf(lines);
};
