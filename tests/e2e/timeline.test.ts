import { startSystem, timelineOf, type RunningSystem } from '@bbws/dev-server';
import { inMemoryLogGroups } from './support/log-groups';
import { apiClient, eventually } from './support/http';
import { createdThenUpdated } from './support/products';

jest.setTimeout(60_000);

const { logGroups, capture } = inMemoryLogGroups();
let system: RunningSystem | undefined;

beforeAll(async () => {
  system = await startSystem({
    port: 0,
    apiKeyFile: null,
    awsEndpoint: process.env.LOCAL_AWS_ENDPOINT || undefined,
    ...capture,
  });
}, 120_000);
afterAll(async () => system?.stop());

const api = apiClient(() => {
  if (!system) throw new Error('The system starts in beforeAll');
  return system;
});

const steps = (id: string) => timelineOf(logGroups, id).map(({ service, step }) => `${service}: ${step}`);

describe('the timeline of a change, from what the functions log', () => {
  it('shows a created then updated product accepted, applied and audited, found by productId or request id', async () => {
    const { productId, update } = await createdThenUpdated(api);
    expect(update.status).toBe(202);

    const timeline = await eventually('both changes applied and audited', async () => {
      const found = steps(productId);
      const done = ['product-creator: UPDATE applied', 'audit-logger: UPDATE applied'].every((prefix) =>
        found.some((step) => step.startsWith(prefix)),
      );
      return done ? found : undefined;
    });

    expect(timeline).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^api-gateway: request: POST \/v1.0\/products -> 202 in \d+ ms$/),
        expect.stringMatching(/^create-product: accepted: CREATE event /),
        expect.stringMatching(/^product-creator: CREATE applied, receive 1$/),
        expect.stringMatching(/^audit-logger: CREATE applied, receive 1 -> audit\//),
        expect.stringMatching(/^api-gateway: request: PUT \/v1.0\/products\/[0-9a-f-]+ -> 202 in \d+ ms$/),
        expect.stringMatching(/^update-product: accepted: UPDATE event /),
      ]),
    );
    const [created] = timelineOf(logGroups, productId);
    expect(created?.apiRequestId).toEqual(expect.any(String));
    expect(timeline[0]).toMatch(/^api-gateway: request: POST /);
    expect(steps(created?.apiRequestId ?? '')).toEqual(
      timeline.filter((step) => step.includes('CREATE') || step.startsWith('api-gateway: request: POST')),
    );
  });
});
