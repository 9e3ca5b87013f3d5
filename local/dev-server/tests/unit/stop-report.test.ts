import { describeStop, type StopReport } from '../../src/stop-report';

const queues = [
  { name: 'bbws-product-change-local', consumer: 'product-creator', messages: 3 },
  { name: 'bbws-product-audit-local', consumer: 'audit-logger', messages: 1 },
  { name: 'bbws-product-change-dlq-local', messages: 2 },
  { name: 'bbws-product-audit-dlq-local', messages: 0 },
];

const report = (overrides: Partial<StopReport>): StopReport => ({
  drained: false,
  queues,
  fate: 'dropped',
  ...overrides,
});

describe('what npm start says once stopped', () => {
  it('names every accepted change dropped without --persist, by consumer, and the parked messages', () => {
    expect(describeStop(report({}))).toEqual([
      'Still in flight and dropped (nothing is kept without --persist): 3 accepted changes not yet processed by product-creator (bbws-product-change-local), 1 accepted change not yet processed by audit-logger (bbws-product-audit-local), 2 messages parked in bbws-product-change-dlq-local.',
      'npm start -- --persist DIR keeps them across a stop.',
    ]);
  });

  it('says nothing was lost when nothing was in flight', () => {
    const empty = queues.map((queue) => ({ ...queue, messages: 0 }));

    expect(describeStop(report({ drained: true, queues: empty }))).toEqual([
      'Nothing was in flight: every accepted change had been applied and audited.',
    ]);
  });

  it('says what was saved with --persist, and how to carry on', () => {
    const saved = report({ fate: 'saved', persistDir: '/tmp/bbws', objects: { 'audit-bucket': 1 } });

    expect(describeStop(saved)).toEqual([
      'Saved to /tmp/bbws: 3 accepted changes not yet processed by product-creator (bbws-product-change-local), 1 accepted change not yet processed by audit-logger (bbws-product-audit-local), 2 messages parked in bbws-product-change-dlq-local; 1 audit object; the table, the API key and the secrets.',
      'npm start -- --persist /tmp/bbws puts them back and the consumers carry on.',
    ]);
  });

  it('leaves what an external backend keeps where it is, and says so', () => {
    expect(describeStop(report({ fate: 'kept', queues: queues.slice(2) }))).toEqual([
      'Left in the AWS backend, which keeps them: 2 messages parked in bbws-product-change-dlq-local.',
    ]);
  });
});
