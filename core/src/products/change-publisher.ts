import { PublishCommand } from '@aws-sdk/client-sns';
import { snsClient } from '../clients/sns';
import { DependencyUnavailable } from '../errors';
import { newChangeEvent, type NewChangeEvent } from '../events';
import { logger } from '../logger';
import { recordChangeAccepted } from '../observability/metrics';
import type { ChangeEvent } from '../schemas/change-event';

/**
 * Returns a function that builds a schema-valid change event and publishes it to the topic as one
 * message (so a change is published whole or not at all), with `eventType` as a message attribute.
 */
export const changePublisher =
  (topicArn: string) =>
  async (change: NewChangeEvent): Promise<ChangeEvent> => {
    const changeEvent = newChangeEvent(change);
    try {
      await snsClient().send(
        new PublishCommand({
          TopicArn: topicArn,
          Message: JSON.stringify(changeEvent),
          MessageAttributes: { eventType: { DataType: 'String', StringValue: changeEvent.eventType } },
        }),
      );
    } catch (error) {
      throw new DependencyUnavailable('product events topic', { cause: error });
    }
    const { eventId, eventType, productId } = changeEvent;
    logger.info('change published', { eventId, eventType, productId });
    recordChangeAccepted(eventType);
    return changeEvent;
  };
