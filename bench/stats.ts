/** Nearest-rank percentile of unsorted samples. */
export const percentile = (samples: number[], rank: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((rank / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
};

export const median = (samples: number[]): number => percentile(samples, 50);

export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export const percentiles = (samples: number[]): Percentiles => ({
  p50: round(percentile(samples, 50), 2),
  p95: round(percentile(samples, 95), 2),
  p99: round(percentile(samples, 99), 2),
});

/** ours / baseline, two decimals. */
export const ratio = (ours: number, baseline: number): number => round(ours / baseline, 2);
