import path from 'node:path';
import { loadTemplate } from '@bbws/local-aws';
import { usagePlanLimits, usagePlanMeter } from '../../src/usage-plan';

const packaged = path.resolve(
  __dirname,
  '../../../../infrastructure/.serverless/cloudformation-template-update-stack.json',
);

describe('usagePlanLimits', () => {
  it('reads rate, burst and daily quota from the packaged infrastructure template', () => {
    expect(usagePlanLimits(loadTemplate(packaged), 'eu-west-1')).toEqual({
      rateLimit: 50,
      burstLimit: 100,
      quotaLimit: 100_000,
      quotaPeriod: 'DAY',
    });
  });
});

describe('usagePlanMeter', () => {
  const limits = { rateLimit: 2, burstLimit: 3, quotaLimit: 5, quotaPeriod: 'DAY' as const };

  it('lets a burst through up to the bucket, then throttles until the rate refills it', () => {
    let now = Date.parse('2026-01-01T10:00:00Z');
    const meter = usagePlanMeter(limits, () => now);

    const burst = [meter('key'), meter('key'), meter('key'), meter('key')];
    now += 500;
    const afterHalfASecond = meter('key');

    expect(burst).toEqual(['allowed', 'allowed', 'allowed', 'throttled']);
    expect(afterHalfASecond).toBe('allowed');
  });

  it('refuses past the quota until the next UTC day, and counts each key apart', () => {
    let now = Date.parse('2026-01-01T10:00:00Z');
    const meter = usagePlanMeter(limits, () => now);
    const spaced = () => {
      now += 1000;
      return meter('key');
    };

    const day = Array.from({ length: 6 }, spaced);
    const otherKey = meter('other');
    now = Date.parse('2026-01-02T00:00:01Z');
    const nextDay = meter('key');

    expect(day).toEqual(['allowed', 'allowed', 'allowed', 'allowed', 'allowed', 'quota-exceeded']);
    expect(otherKey).toBe('allowed');
    expect(nextDay).toBe('allowed');
  });
});
