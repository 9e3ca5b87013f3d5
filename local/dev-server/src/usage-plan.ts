import type { CloudFormationTemplate } from '@bbws/local-aws';
import { deployedResources } from './gateway-cors';

/** A usage plan's limits, as the packaged template sets them for the stage. */
export interface UsagePlanLimits {
  /** Steady requests per second per API key. */
  rateLimit: number;
  /** Requests a key may make at once before the rate applies (the token bucket's size). */
  burstLimit: number;
  /** Requests per key per `quotaPeriod`. */
  quotaLimit: number;
  quotaPeriod: 'DAY' | 'WEEK' | 'MONTH';
}

/** The limits of the template's usage plan, `overrides` applied; undefined without one for this stage. */
export const usagePlanLimits = (
  template: CloudFormationTemplate,
  region: string,
  overrides: Partial<UsagePlanLimits> = {},
): UsagePlanLimits | undefined => {
  const plan = deployedResources(template, region).find(({ Type }) => Type === 'AWS::ApiGateway::UsagePlan');
  if (!plan?.Properties) return undefined;
  const throttle = (plan.Properties.Throttle ?? {}) as { RateLimit?: number; BurstLimit?: number };
  const quota = (plan.Properties.Quota ?? {}) as { Limit?: number; Period?: UsagePlanLimits['quotaPeriod'] };
  return {
    rateLimit: Number(throttle.RateLimit ?? Infinity),
    burstLimit: Number(throttle.BurstLimit ?? Infinity),
    quotaLimit: Number(quota.Limit ?? Infinity),
    quotaPeriod: quota.Period ?? 'DAY',
    ...overrides,
  };
};

/** Start of the quota period holding `now`, in UTC as API Gateway counts it. */
const periodStart = (now: Date, period: UsagePlanLimits['quotaPeriod']): number => {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (period === 'DAY') return day;
  if (period === 'MONTH') return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  return day - ((now.getUTCDay() + 6) % 7) * 86_400_000;
};

export type UsageVerdict = 'allowed' | 'throttled' | 'quota-exceeded';

/**
 * API Gateway's per-key usage plan: a token bucket of `burstLimit` tokens refilled at `rateLimit` per
 * second (429 Too Many Requests when empty), and a count per quota period (429 Limit Exceeded past it).
 */
export const usagePlanMeter = (limits: UsagePlanLimits, clock: () => number = Date.now) => {
  const keys = new Map<string, { tokens: number; refilledAt: number; period: number; used: number }>();
  return (apiKeyId: string): UsageVerdict => {
    const now = clock();
    const period = periodStart(new Date(now), limits.quotaPeriod);
    const key = keys.get(apiKeyId) ?? { tokens: limits.burstLimit, refilledAt: now, period, used: 0 };
    keys.set(apiKeyId, key);
    key.tokens = Math.min(limits.burstLimit, key.tokens + ((now - key.refilledAt) / 1000) * limits.rateLimit);
    key.refilledAt = now;
    if (key.period !== period) Object.assign(key, { period, used: 0 });
    if (key.tokens < 1) return 'throttled';
    if (key.used >= limits.quotaLimit) return 'quota-exceeded';
    key.tokens -= 1;
    key.used += 1;
    return 'allowed';
  };
};
