import { apiKeyOf } from '../../src/api-keys';
import type { Invocation } from '../../src/function-runtime';
import { createGateway } from '../../src/gateway';

const apiKey = apiKeyOf('test-key');

// A function whose invocations finish only when the test says so.
const heldFunction = () => {
  const pending: Array<() => void> = [];
  const invoke = () =>
    new Promise<Invocation>((resolve) =>
      pending.push(() => resolve({ ok: true, result: { statusCode: 202, body: '{"status":"accepted"}' } })),
    );
  return { invoke, pending };
};

const startGateway = async (invoke: () => Promise<Invocation>) => {
  const gateway = createGateway({
    routes: [
      {
        method: 'POST',
        resource: '/v1.0/products',
        private: true,
        target: { kind: 'function', functionName: 'create' },
      },
    ],
    apiKey,
    stage: 'local',
    invoke,
  });
  const url = await gateway.listen(0, '127.0.0.1');
  const post = () =>
    fetch(`${url}/v1.0/products`, { method: 'POST', headers: { 'x-api-key': apiKey.value }, body: '{}' });
  return { gateway, post };
};

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('a draining gateway', () => {
  it('answers new requests 503 in API Gateway style and finishes the ones it was handling', async () => {
    const held = heldFunction();
    const { gateway, post } = await startGateway(held.invoke);
    try {
      const inFlight = post();
      await until(() => held.pending.length === 1);
      let drained = false;
      const draining = gateway.drain().then(() => (drained = true));

      const refused = await post();
      const refusedBody = await refused.json();
      const drainedBeforeRelease = drained;
      held.pending.forEach((release) => release());
      const accepted = await inFlight;
      await draining;

      expect(refused.status).toBe(503);
      expect(refused.headers.get('x-amzn-errortype')).toBe('ServiceUnavailableException');
      expect(refusedBody).toEqual({ message: 'Service Unavailable: the local API is stopping' });
      expect(drainedBeforeRelease).toBe(false);
      expect(accepted.status).toBe(202);
      expect(drained).toBe(true);
    } finally {
      await gateway.close();
    }
  });

  it('drains at once when no request is being handled', async () => {
    const { gateway, post } = await startGateway(heldFunction().invoke);
    try {
      await gateway.drain();

      expect((await post()).status).toBe(503);
    } finally {
      await gateway.close();
    }
  });
});
