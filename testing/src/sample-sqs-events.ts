import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

/**
 * For tests of a consumer: its sample SQS events (the `events/` files `serverless invoke local --path`
 * uses) and records built like them. `eventsDir` is the service's events folder.
 */
export const sampleSqsEvents = (eventsDir: string, templateFile = 'sqs-create.json') => {
  let sequence = 0;
  const sampleSqsEvent = (file: string): SQSEvent =>
    JSON.parse(readFileSync(path.join(eventsDir, file), 'utf8')) as SQSEvent;
  const templateRecord = (): SQSRecord => sampleSqsEvent(templateFile).Records[0] as SQSRecord;

  /** An SQS record carrying `body` (a change event, or any text), as the event source mapping passes it. */
  const sqsRecord = (body: unknown, receiveCount = 1): SQSRecord => {
    sequence += 1;
    return {
      ...templateRecord(),
      messageId: `message-${sequence}`,
      receiptHandle: `receipt-${sequence}`,
      body: typeof body === 'string' ? body : JSON.stringify(body),
      attributes: { ...templateRecord().attributes, ApproximateReceiveCount: String(receiveCount) },
    };
  };

  return {
    sampleSqsEvent,
    /** The body of a one-record sample, e.g. `sampleChangeEvent('sqs-update.json')`. */
    sampleChangeEvent: <T>(file: string): T =>
      JSON.parse(sampleSqsEvent(file).Records[0]?.body ?? 'null') as T,
    sqsRecord,
    sqsEvent: (...bodies: unknown[]): SQSEvent => ({ Records: bodies.map((body) => sqsRecord(body)) }),
  };
};
