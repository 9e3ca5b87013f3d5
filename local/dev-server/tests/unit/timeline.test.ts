import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ACCESS_LOG_GROUP,
  accessLogLine,
  formatTimeline,
  logGroupWriter,
  readLogGroups,
  recentChanges,
  timelineOf,
} from '../../src';

const productId = '7ae2b6d0-c5ba-5abf-82b1-323829adfdee';
const otherProduct = '0b6f5a3e-7c1d-4a8e-9f2b-3c4d5e6f7a8b';

// Lines as the functions write them: Powertools Logger JSON and a Powertools Metrics EMF line.
const line = (fields: Record<string, unknown>) => JSON.stringify({ level: 'INFO', ...fields });
const createRequest = { requestId: 'req-create', method: 'POST', path: '/v1.0/products', statusCode: 202 };
const logGroups = {
  [ACCESS_LOG_GROUP]: [
    accessLogLine({ ...createRequest, durationMs: 40 }, Date.parse('2026-12-02T05:00:00.120Z')),
    accessLogLine(
      {
        requestId: 'req-list',
        method: 'GET',
        path: '/v1.0/products?limit=5',
        statusCode: 200,
        durationMs: 9,
      },
      Date.parse('2026-12-02T05:00:01.000Z'),
    ),
  ],
  'create-product': [
    line({
      timestamp: '2026-12-02T05:00:00.100Z',
      message: 'change published',
      requestId: 'req-create',
      eventType: 'CREATE',
      eventId: 'e-1',
      productId,
    }),
    line({
      timestamp: '2026-12-02T05:00:00.050Z',
      message: 'change published',
      requestId: 'req-other',
      eventType: 'CREATE',
      eventId: 'e-9',
      productId: otherProduct,
    }),
    JSON.stringify({ _aws: { CloudWatchMetrics: [] }, ChangesAccepted: 1, productId }),
  ],
  'product-creator': [
    line({
      timestamp: '2026-12-02T05:00:00.900Z',
      message: 'change event processed',
      requestId: 'lambda-1',
      apiRequestId: 'req-create',
      eventType: 'CREATE',
      eventId: 'e-1',
      productId,
      receiveCount: 1,
      outcome: 'applied',
    }),
  ],
  'audit-logger': [
    'not json',
    line({
      timestamp: '2026-12-02T05:00:00.700Z',
      message: 'change event processed',
      requestId: 'lambda-2',
      apiRequestId: 'req-create',
      eventType: 'CREATE',
      eventId: 'e-1',
      productId,
      receiveCount: 2,
      outcome: 'applied',
      key: 'audit/x.json',
    }),
  ],
};

describe('timelineOf', () => {
  it('puts the accepted request and each consumer outcome of a product in time order', () => {
    expect(timelineOf(logGroups, productId).map(({ service, step }) => `${service}: ${step}`)).toEqual([
      'api-gateway: request: POST /v1.0/products -> 202 in 40 ms',
      'create-product: accepted: CREATE event e-1 published',
      'audit-logger: CREATE applied, receive 2 -> audit/x.json',
      'product-creator: CREATE applied, receive 1',
    ]);
  });

  it('finds the same steps by the request id of the API call', () => {
    expect(timelineOf(logGroups, 'req-create')).toEqual(timelineOf(logGroups, productId));
  });

  it('finds nothing for an id no function has written about', () => {
    expect(timelineOf(logGroups, 'req-unknown')).toEqual([]);
  });

  it('prints one line per step with its time, service and request', () => {
    expect(formatTimeline(timelineOf(logGroups, productId))[1]).toBe(
      '2026-12-02T05:00:00.100Z  create-product   accepted: CREATE event e-1 published  [request req-create]',
    );
  });
});

describe('the access log', () => {
  it('writes the keys of the deployed stage access log format, so the timeline reads both alike', () => {
    const api = readFileSync(join(__dirname, '../../../../infrastructure/resources/api.yml'), 'utf8');
    const format = /Format: '(\{.*\})'/.exec(api)?.[1] ?? '';
    const deployedKeys = Object.keys(JSON.parse(format) as object);

    const localKeys = Object.keys(JSON.parse(accessLogLine({ ...createRequest, durationMs: 1 })) as object);

    expect(deployedKeys).toEqual(expect.arrayContaining(localKeys));
  });

  it('names the request of each change, its status and latency', () => {
    const [change] = recentChanges(logGroups);

    expect(change?.request).toEqual({
      requestId: 'req-create',
      at: '2026-12-02T05:00:00.080Z',
      method: 'POST',
      path: '/v1.0/products',
      status: 202,
      latencyMs: 40,
    });
  });
});

describe('logGroupWriter', () => {
  it('keeps each function line in the log group of its service, read back in order', async () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'log-groups-')), 'logs');
    const writer = logGroupWriter(directory);

    writer.write('create-product', 'first');
    writer.write('audit-logger', 'other');
    writer.write('create-product', 'second');
    await writer.close();

    expect(readLogGroups(directory)).toEqual({
      'create-product': ['first', 'second'],
      'audit-logger': ['other'],
    });
  });
});
