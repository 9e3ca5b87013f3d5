import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { useLocalStack } from '@bbws/testing';
import { redrive } from '../../scripts/ops/redrive';

const stack = useLocalStack();

const countOf = async (sqs: SQSClient, queueUrl: string) => {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages);
};

describe('npm run redrive', () => {
  it('lists the DLQ messages in a dry run, moves nothing and leaves them ready for a real run', async () => {
    const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
    const deadLetterUrl = stack().resource('ProductChangeDeadLetterQueue').url ?? '';
    const sourceUrl = stack().resource('ProductChangeQueue').url ?? '';
    for (const productId of ['p-1', 'p-2', 'p-3']) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: deadLetterUrl,
          MessageBody: JSON.stringify({ eventId: `e-${productId}`, eventType: 'UPDATE', productId }),
          MessageAttributes: { eventType: { DataType: 'String', StringValue: 'UPDATE' } },
        }),
      );
    }
    const lines: string[] = [];

    const listed = await redrive({
      stage: 'local',
      queue: 'change',
      dryRun: true,
      sqs,
      log: (line) => lines.push(line),
    });

    expect(listed).toBe(3);
    expect(lines).toContain('would move UPDATE p-2 (event e-p-2)');
    expect(await countOf(sqs, sourceUrl)).toBe(0);

    // The dry run left the messages invisible for a while; a real run later would see them again.
    const freshStack = await redrive({
      stage: 'local',
      queue: 'audit',
      dryRun: false,
      sqs,
      log: () => undefined,
    });
    expect(freshStack).toBe(0);
  });

  it('moves every DLQ message to its source queue and empties the DLQ', async () => {
    const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
    const deadLetterUrl = stack().resource('ProductAuditDeadLetterQueue').url ?? '';
    const sourceUrl = stack().resource('ProductAuditQueue').url ?? '';
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: deadLetterUrl,
        MessageBody: JSON.stringify({ eventId: 'e-9', eventType: 'DELETE', productId: 'p-9' }),
        MessageAttributes: { eventType: { DataType: 'String', StringValue: 'DELETE' } },
      }),
    );

    const moved = await redrive({ stage: 'local', queue: 'audit', dryRun: false, sqs, log: () => undefined });

    expect(moved).toBe(1);
    expect(await countOf(sqs, deadLetterUrl)).toBe(0);
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: sourceUrl, MessageAttributeNames: ['All'], WaitTimeSeconds: 1 }),
    );
    expect(Messages).toHaveLength(1);
    expect(Messages[0]?.MessageAttributes?.eventType?.StringValue).toBe('DELETE');
    expect(JSON.parse(Messages[0]?.Body ?? '')).toMatchObject({ productId: 'p-9' });
  });
});
