// What an Idempotency-Key adds to a POST on the local stack (dynalite, worker-thread functions): the
// conditional PutItem of the key's record and the parallel GetItem of the product. Sequential POSTs,
// alternating with and without a key, medians of each. Run: npx tsx bench/idempotency-cost.ts [pairs]
import { randomUUID } from 'node:crypto';
import { startSystem } from '@bbws/dev-server';

const pairs = Number(process.argv[2] ?? 150);

const main = async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const system = await startSystem({
    port: 0,
    apiKeyFile: null,
    packaging: 'never',
    usagePlan: { rateLimit: Infinity, burstLimit: Infinity, quotaLimit: Infinity },
  });
  const post = async (headers: Record<string, string>) => {
    const body = JSON.stringify({ name: `Bench ${randomUUID()}`, price: 9.99, currency: 'EUR' });
    const startedAt = performance.now();
    const response = await fetch(`${system.url}/v1.0/products`, {
      method: 'POST',
      headers: { 'x-api-key': system.apiKey, 'content-type': 'application/json', ...headers },
      body,
    });
    await response.text();
    if (response.status !== 202) throw new Error(`POST answered ${response.status}`);
    return performance.now() - startedAt;
  };
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  try {
    for (let warm = 0; warm < 20; warm += 1) await post({ 'Idempotency-Key': randomUUID() });
    const plain: number[] = [];
    const keyed: number[] = [];
    for (let pair = 0; pair < pairs; pair += 1) {
      plain.push(await post({}));
      keyed.push(await post({ 'Idempotency-Key': randomUUID() }));
    }
    console.log(`POST without a key  median ${median(plain).toFixed(2)} ms (${pairs} requests)`);
    console.log(`POST with a key     median ${median(keyed).toFixed(2)} ms (${pairs} requests)`);
    console.log(`difference          ${(median(keyed) - median(plain)).toFixed(2)} ms per keyed POST`);
  } finally {
    await system.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
