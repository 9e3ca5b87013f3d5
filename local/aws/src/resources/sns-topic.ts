import { CreateTopicCommand } from '@aws-sdk/client-sns';
import type { ResourceHandler } from './handler';
import { physicalName, stringAttributes } from './properties';

// Topic attributes fauxqs applies; KmsMasterKeyId has no local meaning.
const TOPIC_ATTRIBUTES = ['DisplayName', 'FifoTopic', 'ContentBasedDeduplication'] as const;

export const snsTopic: ResourceHandler = {
  applies: ['TopicName', ...TOPIC_ATTRIBUTES],
  provision: async (input) => {
    const topicName = physicalName(input, 'TopicName');
    const { TopicArn } = await input.clients.sns.send(
      new CreateTopicCommand({
        Name: topicName,
        Attributes: stringAttributes(input.properties, TOPIC_ATTRIBUTES),
      }),
    );
    const arn = TopicArn ?? '';
    return { ref: arn, name: topicName, arn, attributes: { TopicArn: arn, TopicName: topicName } };
  },
};
