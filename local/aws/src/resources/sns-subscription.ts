import { SubscribeCommand } from '@aws-sdk/client-sns';
import type { ResourceHandler } from './handler';
import { stringAttributes } from './properties';

const SUBSCRIPTION_ATTRIBUTES = [
  'RawMessageDelivery',
  'FilterPolicy',
  'FilterPolicyScope',
  'RedrivePolicy',
] as const;

export const snsSubscription: ResourceHandler = {
  applies: ['TopicArn', 'Protocol', 'Endpoint', ...SUBSCRIPTION_ATTRIBUTES],
  skipReason: (_logicalId, resource) => {
    const protocol = resource.Properties?.Protocol;
    return typeof protocol === 'string' && protocol !== 'sqs'
      ? `fauxqs delivers to sqs subscriptions only, not ${protocol}`
      : undefined;
  },
  provision: async ({ properties, clients }) => {
    // Subscribe is idempotent for the same topic, protocol, endpoint and attributes.
    const { SubscriptionArn } = await clients.sns.send(
      new SubscribeCommand({
        TopicArn: String(properties.TopicArn),
        Protocol: String(properties.Protocol),
        Endpoint: String(properties.Endpoint),
        Attributes: stringAttributes(properties, SUBSCRIPTION_ATTRIBUTES),
        ReturnSubscriptionArn: true,
      }),
    );
    const arn = SubscriptionArn ?? '';
    return { ref: arn, name: arn, arn, attributes: {} };
  },
};
