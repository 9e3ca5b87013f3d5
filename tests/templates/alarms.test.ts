import { METRICS_NAMESPACE } from '@bbws/core';
import { loadTemplate, referencedIds, resourcesOfType, serviceNames } from './support/templates';

interface MetricStat {
  Metric: { Namespace: string; Dimensions?: { Name: string; Value: unknown }[] };
}

const dimensionsOf = (properties: Record<string, unknown> = {}) => {
  const direct = (properties.Dimensions ?? []) as { Name: string; Value: unknown }[];
  const viaMath = ((properties.Metrics ?? []) as { MetricStat?: MetricStat }[]).flatMap(
    (metric) => metric.MetricStat?.Metric.Dimensions ?? [],
  );
  return [...direct, ...viaMath];
};

// Metrics of our own namespace have dimensions the code sets (service, stage), not resources:
// monitoring.test.ts checks that the code emits them with those values.
const watchesOwnMetrics = (properties: Record<string, unknown> = {}) =>
  ((properties.Metrics ?? []) as { MetricStat?: MetricStat }[]).some(
    (metric) => metric.MetricStat?.Metric.Namespace === METRICS_NAMESPACE,
  );

const alertsTopic = 'arn:aws:sns:eu-west-1:000000000000:bbws-product-alerts-local';

describe.each(serviceNames)('alarms of %s', (service) => {
  const template = loadTemplate(service);
  const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm');
  const apiName = 'bbws-product-api-local';

  it('exist', () => {
    expect(alarms.length).toBeGreaterThanOrEqual(service === 'infrastructure' ? 5 : 3);
  });

  it('watch resources that this stack creates, so that each can fire', () => {
    for (const [, alarm] of alarms) {
      if (watchesOwnMetrics(alarm.Properties)) continue;
      const dimensions = dimensionsOf(alarm.Properties);
      expect(dimensions.length).toBeGreaterThan(0);
      for (const { Name, Value } of dimensions) {
        if (Name === 'ApiName') {
          // API Gateway metrics are keyed by the API's name, which CloudFormation cannot reference.
          expect(Value).toBe(apiName);
          continue;
        }
        const [target, ...others] = referencedIds(Value);
        expect(others).toEqual([]);
        expect(template.Resources[target ?? '']).toBeDefined();
      }
    }
  });

  it('notify the alerts topic', () => {
    for (const [, alarm] of alarms) {
      const actions = alarm.Properties?.AlarmActions as unknown[];
      expect(actions).toEqual([service === 'infrastructure' ? { Ref: 'AlertsTopic' } : alertsTopic]);
    }
  });
});
