// npm run redrive -- --stage dev --queue change|audit [--dry-run] [--region R]
// Moves the messages of a consumer's DLQ back to its source queue (body and message attributes kept),
// once the cause of the failures is fixed. --dry-run lists what would move and moves nothing.
import { parseArgs } from 'node:util';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { OperatorError, runCommand } from './aws';

export const QUEUES = { change: 'bbws-product-change', audit: 'bbws-product-audit' } as const;
export type QueueName = keyof typeof QUEUES;

export interface RedriveOptions {
  stage: string;
  queue: QueueName;
  dryRun: boolean;
  sqs: SQSClient;
  log?: (line: string) => void;
}

const summarise = (message: Message): string => {
  try {
    const { eventId, eventType, productId } = JSON.parse(message.Body ?? '') as Record<string, unknown>;
    return `${String(eventType)} ${String(productId)} (event ${String(eventId)})`;
  } catch {
    return `unparseable message ${message.MessageId ?? ''}`;
  }
};

/** Returns how many messages moved (or would move, with dryRun). */
export const redrive = async ({
  stage,
  queue,
  dryRun,
  sqs,
  log = console.log,
}: RedriveOptions): Promise<number> => {
  const urlOf = async (name: string) => {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name })).catch((error) => {
      throw new OperatorError(`Cannot find queue ${name}: ${(error as Error).message}`);
    });
    return QueueUrl ?? '';
  };
  const sourceUrl = await urlOf(`${QUEUES[queue]}-${stage}`);
  const deadLetterUrl = await urlOf(`${QUEUES[queue]}-dlq-${stage}`);
  // Received messages stay invisible for the run, so each one is seen once; a dry run releases them after.
  const visibilityTimeout = 300;
  const listed: Message[] = [];
  let moved = 0;
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: deadLetterUrl,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
        VisibilityTimeout: visibilityTimeout,
        WaitTimeSeconds: 1,
      }),
    );
    if (Messages.length === 0) break;
    for (const message of Messages) {
      log(`${dryRun ? 'would move' : 'moving'} ${summarise(message)}`);
      if (dryRun) listed.push(message);
      else {
        await sqs.send(
          new SendMessageCommand({
            QueueUrl: sourceUrl,
            MessageBody: message.Body,
            MessageAttributes: message.MessageAttributes,
          }),
        );
        await sqs.send(
          new DeleteMessageCommand({ QueueUrl: deadLetterUrl, ReceiptHandle: message.ReceiptHandle }),
        );
      }
      moved += 1;
    }
  }
  for (const { ReceiptHandle } of listed) {
    await sqs.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: deadLetterUrl, ReceiptHandle, VisibilityTimeout: 0 }),
    );
  }
  return moved;
};

if (require.main === module) {
  runCommand(async () => {
    const { values } = parseArgs({
      options: {
        stage: { type: 'string' },
        queue: { type: 'string' },
        region: { type: 'string', default: process.env.AWS_REGION ?? 'eu-west-1' },
        'dry-run': { type: 'boolean', default: false },
      },
    });
    const queue = values.queue as QueueName;
    if (!values.stage || !(queue in QUEUES)) {
      throw new OperatorError('usage: npm run redrive -- --stage <stage> --queue change|audit [--dry-run]');
    }
    const sqs = new SQSClient({ region: values.region, useQueueUrlAsEndpoint: false });
    const count = await redrive({ stage: values.stage, queue, dryRun: values['dry-run'], sqs });
    console.log(
      `${values['dry-run'] ? 'Would move' : 'Moved'} ${count} message(s) from the ${queue} DLQ of ${values.stage}`,
    );
  });
}
