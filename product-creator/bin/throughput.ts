// Consumer throughput against the embedded emulators, in this process:
//   POWERTOOLS_LOG_LEVEL=WARN npx tsx product-creator/bin/throughput.ts [products=400]
// (without the variable, each record also writes its INFO line, as it does in Lambda)
// Publishes five changes per product (CREATE, three UPDATEs, DELETE) to the topic, then drains each
// consumer's real queue with its real handler, as many pollers at once as its maximumConcurrency, and
// prints events per second for each. The emulators share this process's CPU, so the figures are a
// floor for the code, not a forecast for AWS.
import { randomUUID } from 'node:crypto';
import { PublishCommand } from '@aws-sdk/client-sns';
import { newChangeEvent, type ChangeEvent } from '@bbws/core';
import { applyEnv, consumeInProcess, type InProcessConsumerOptions } from '@bbws/testing';
import { createAwsClients, startLocalStack } from '@bbws/local-aws';

const products = Number(process.argv[2] ?? 400);
const actor = { apiKeyId: 'bench', sourceIp: '203.0.113.1', requestId: 'bench' };

const changesOf = (productId: string): ChangeEvent[] => {
  const at = (minute: number) => new Date(Date.UTC(2025, 0, 15, 10, minute));
  const product = (price: number) => ({ name: `Bench ${productId.slice(0, 8)}`, price, currency: 'EUR' });
  return [
    newChangeEvent({ eventType: 'CREATE', productId, product: product(1), actor, now: at(0) }),
    ...[1, 2, 3].map((minute) =>
      newChangeEvent({
        eventType: 'UPDATE',
        productId,
        product: product(minute + 1),
        actor,
        now: at(minute),
      }),
    ),
    newChangeEvent({ eventType: 'DELETE', productId, actor, now: at(4) }),
  ];
};

const inParallel = async <T>(items: T[], limit: number, run: (item: T) => Promise<unknown>) => {
  const pending = [...items];
  const worker = async () => {
    for (let item = pending.shift(); item !== undefined; item = pending.shift()) await run(item);
  };
  await Promise.all(Array.from({ length: limit }, worker));
};

/** Drains a queue with the poller of npm start, as many at once as `concurrency`; returns events per second. */
const drain = async (options: InProcessConsumerOptions, events: number): Promise<number> => {
  const started = performance.now();
  const consumer = consumeInProcess(options);
  await consumer.drained(10 * 60_000);
  const seconds = (performance.now() - started) / 1000;
  await consumer.stop();
  return events / seconds;
};

const main = async () => {
  const stack = await startLocalStack();
  const restoreEnv = applyEnv({
    ...stack.env,
    PRODUCTS_TABLE_NAME: stack.resource('ProductsTable').name ?? '',
    AUDIT_BUCKET_NAME: stack.resource('AuditBucket').name ?? '',
  });
  const aws = createAwsClients(stack.env);
  try {
    const { handler: productCreator } = await import('../src/handler');
    const { handler: auditLogger } = await import('../../audit-logger/src/handler');
    const changeEvents = Array.from({ length: products }, () => randomUUID()).flatMap(changesOf);
    const publishStarted = performance.now();
    await inParallel(changeEvents, 16, (changeEvent) =>
      aws.sns.send(
        new PublishCommand({
          TopicArn: stack.resource('ProductEventsTopic').arn,
          Message: JSON.stringify(changeEvent),
          MessageAttributes: { eventType: { DataType: 'String', StringValue: changeEvent.eventType } },
        }),
      ),
    );
    const publishSeconds = (performance.now() - publishStarted) / 1000;
    const source = (
      logicalId: string,
      handler: InProcessConsumerOptions['handler'],
      concurrency: number,
    ) => ({
      sqs: aws.sqs,
      queue: stack.resource(logicalId),
      region: stack.region,
      handler,
      concurrency,
    });
    // The pollers match each event source's maximumConcurrency (5 and 2).
    const creatorRate = await drain(source('ProductChangeQueue', productCreator, 5), changeEvents.length);
    const auditRate = await drain(source('ProductAuditQueue', auditLogger, 2), changeEvents.length);
    console.log(
      JSON.stringify({
        events: changeEvents.length,
        publishedPerSecond: Math.round(changeEvents.length / publishSeconds),
        productCreatorEventsPerSecond: Math.round(creatorRate),
        auditLoggerEventsPerSecond: Math.round(auditRate),
      }),
    );
  } finally {
    aws.destroy();
    restoreEnv();
    await stack.stop();
  }
};

void main();
