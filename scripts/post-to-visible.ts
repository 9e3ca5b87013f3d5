// Measures the time from a POST's 202 to the product being visible in GET (status 200), against a
// running `npm start` (--running: reads .local/stack.json) or a system this script starts on free ports.
// Usage: npx tsx scripts/post-to-visible.ts [--count 100] [--interval 5] [--running]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { startSystem } from '@bbws/dev-server';

const { values: flags } = parseArgs({
  options: {
    count: { type: 'string', default: '100' },
    interval: { type: 'string', default: '5' },
    running: { type: 'boolean', default: false },
  },
});
const root = path.resolve(__dirname, '..');
const intervalMs = Number(flags.interval);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

const target = async () => {
  if (flags.running) {
    const stack = JSON.parse(readFileSync(path.join(root, '.local/stack.json'), 'utf8')) as {
      url: string;
      apiKey: string;
    };
    return { ...stack, stop: async () => undefined };
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const system = await startSystem({ root, port: 0, apiKeyFile: null, packaging: 'never' });
  console.log(`started a system in ${system.startupMs} ms`);
  return { url: system.url, apiKey: system.apiKey, stop: system.stop };
};

const postToVisible = async (url: string, apiKey: string, index: number): Promise<number> => {
  const headers = { 'x-api-key': apiKey, 'content-type': 'application/json' };
  const body = JSON.stringify({
    name: `Latency probe ${Date.now()}-${index}`,
    price: 10 + index,
    currency: 'EUR',
  });
  const response = await fetch(`${url}/v1.0/products`, { method: 'POST', headers, body });
  const { productId } = (await response.json()) as { productId: string };
  if (response.status !== 202) throw new Error(`POST answered ${response.status}`);
  const acceptedAt = performance.now();
  for (;;) {
    const read = await fetch(`${url}/v1.0/products/${productId}`, { headers });
    await read.arrayBuffer();
    if (read.status === 200) return performance.now() - acceptedAt;
    await delay(intervalMs);
  }
};

const main = async () => {
  const { url, apiKey, stop } = await target();
  try {
    await postToVisible(url, apiKey, -1);
    const samples: number[] = [];
    for (let index = 0; index < Number(flags.count); index += 1)
      samples.push(await postToVisible(url, apiKey, index));
    const sorted = [...samples].sort((a, b) => a - b);
    const [p50, p95, max] = [
      percentile(sorted, 50),
      percentile(sorted, 95),
      sorted[sorted.length - 1] ?? NaN,
    ];
    console.log(
      `POST 202 -> visible in GET, ${samples.length} products one after another, GET every ${intervalMs} ms: ` +
        `p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${max.toFixed(0)} ms`,
    );
  } finally {
    await stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
