// npm run smoke -- --stage dev [--region R]   or   npm run smoke -- --local
// Create -> visible -> update -> delete with a throw-away product against a deployed stage (endpoint from
// the stack Outputs, key from Secrets Manager) or a running `npm start` (.local/stack.json). Cleans up,
// and exits non-zero with a readable reason on the first failure.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readStackFile } from '@bbws/dev-server';
import { OperatorError, readApiKey, runCommand, stackOutputs } from './aws';

export interface Endpoint {
  url: string;
  apiKey: string;
}

interface Reply {
  status: number;
  body: Record<string, unknown>;
  etag: string | null;
}

const POLL_INTERVAL_MS = 500;

export const smokeTest = async (
  { url, apiKey }: Endpoint,
  { timeoutMs = 30_000, log = console.log }: { timeoutMs?: number; log?: (line: string) => void } = {},
): Promise<void> => {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url.replace(/\/$/, '')}${path}`, {
      method,
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? JSON.parse(text) : {},
      etag: response.headers.get('etag'),
    } as Reply;
  };
  const expectStatus = (step: string, reply: Reply, status: number) => {
    if (reply.status !== status) {
      throw new OperatorError(
        `${step}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`,
      );
    }
    log(`ok  ${step} (${status})`);
  };
  const waitFor = async (step: string, path: string, done: (reply: Reply) => boolean) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reply = await call('GET', path);
      if (done(reply)) return (log(`ok  ${step}`), reply);
      if (Date.now() > deadline)
        throw new OperatorError(`${step}: not seen within ${timeoutMs} ms (last ${reply.status})`);
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  };

  const runId = randomUUID();
  const product = {
    name: `smoke test ${runId}`,
    price: 1.23,
    currency: 'ZAR',
    sku: `smoke-${runId.slice(0, 8)}`,
  };
  const created = await call('POST', '/v1.0/products', product, { 'idempotency-key': `smoke-${runId}` });
  expectStatus('create', created, 202);
  const path = `/v1.0/products/${String(created.body.productId)}`;
  try {
    const visible = await waitFor('created product visible', path, (reply) => reply.status === 200);
    expectStatus(
      'update',
      await call('PUT', path, { ...product, price: 2.34 }, { 'if-match': visible.etag ?? '' }),
      202,
    );
    const updated = await waitFor('update applied', path, (reply) => reply.body.price === 2.34);
    expectStatus('delete', await call('DELETE', path, undefined, { 'if-match': updated.etag ?? '' }), 204);
    await waitFor('deleted product gone', path, (reply) => reply.status === 404);
  } catch (error) {
    await call('DELETE', path).catch(() => undefined);
    throw error;
  }
};

const localEndpoint = (): Endpoint => {
  try {
    const { url, apiKey } = readStackFile(join(__dirname, '..', '..', '.local', 'stack.json'));
    return { url, apiKey };
  } catch (error) {
    throw new OperatorError((error as Error).message);
  }
};

const deployedEndpoint = async (stage: string, region: string): Promise<Endpoint> => {
  const { ApiUrl } = await stackOutputs({ stage, region });
  if (!ApiUrl) throw new OperatorError(`The infrastructure stack of ${stage} has no ApiUrl Output`);
  return { url: ApiUrl, apiKey: await readApiKey({ stage, region }) };
};

if (require.main === module) {
  runCommand(async () => {
    const { values } = parseArgs({
      options: {
        stage: { type: 'string' },
        region: { type: 'string', default: process.env.AWS_REGION ?? 'eu-west-1' },
        local: { type: 'boolean', default: false },
      },
    });
    if (!values.local && !values.stage)
      throw new OperatorError('usage: npm run smoke -- --stage <stage> | --local');
    const endpoint = values.local
      ? localEndpoint()
      : await deployedEndpoint(values.stage ?? '', values.region);
    console.log(`Smoke test against ${endpoint.url}`);
    await smokeTest(endpoint);
    console.log('Smoke test passed');
  });
}
