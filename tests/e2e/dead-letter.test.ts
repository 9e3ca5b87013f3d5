import { randomUUID } from 'node:crypto';
import { PublishCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { eventually } from './support/http';
import { useSystem, useSystemAws } from './support/system';

// Five receives 2 s apart (the test visibility timeout of the change queue, see support/system.ts).
jest.setTimeout(60_000);

const sut = useSystem();
const { aws, resource } = useSystemAws(sut);

describe('a poison message', () => {
  it('is delivered to product-creator maxReceiveCount times, then lands in its dead-letter queue', async () => {
    const { Attributes } = await aws().sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: resource('ProductChangeQueue').url,
        AttributeNames: ['RedrivePolicy'],
      }),
    );
    const { maxReceiveCount } = JSON.parse(Attributes?.RedrivePolicy ?? '{}') as { maxReceiveCount: number };
    const poison = JSON.stringify({ eventType: 'CREATE', poison: randomUUID() });

    await aws().sns.send(
      new PublishCommand({ TopicArn: resource('ProductEventsTopic').arn, Message: poison }),
    );
    const deadLetter = await eventually(
      'the poison message in the dead-letter queue',
      async () => {
        const { Messages } = await aws().sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: resource('ProductChangeDeadLetterQueue').url,
            WaitTimeSeconds: 1,
          }),
        );
        return Messages?.find((message) => message.Body === poison);
      },
      { timeoutMs: 45_000 },
    );
    // Nothing else is published in this file, so every product-creator delivery is of the poison message.
    // (Its id in the DLQ is the same in SQS and fauxqs, a new one in moto: deliveries are counted by id.)
    const deliveries = sut()
      .batches.filter((batch) => batch.functionName.includes('product-creator'))
      .flatMap((batch) => batch.failedMessageIds);
    const perMessage = [...new Set(deliveries)].map(
      (id) => deliveries.filter((delivered) => delivered === id).length,
    );

    expect(deadLetter.Body).toBe(poison);
    expect(perMessage).toEqual([maxReceiveCount]);
  });
});
