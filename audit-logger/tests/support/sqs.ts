import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { ChangeEvent } from '@bbws/core';

const eventsDir = path.resolve(__dirname, '../../events');

/** A sample SQS event from events/, the file `serverless invoke local --path` uses. */
export const sampleSqsEvent = (file: string): SQSEvent =>
  JSON.parse(readFileSync(path.join(eventsDir, file), 'utf8')) as SQSEvent;

const templateRecord = (): SQSRecord => sampleSqsEvent('sqs-create.json').Records[0] as SQSRecord;

/** The change event of a one-record sample, e.g. `sampleChangeEvent('sqs-update.json')`. */
export const sampleChangeEvent = <T extends ChangeEvent = ChangeEvent>(file: string): T =>
  JSON.parse(sampleSqsEvent(file).Records[0]?.body ?? 'null') as T;

let sequence = 0;

/** An SQS record carrying `body` (a change event, or any text), as the event source mapping passes it. */
export const sqsRecord = (body: unknown, receiveCount = 1): SQSRecord => {
  sequence += 1;
  return {
    ...templateRecord(),
    messageId: `message-${sequence}`,
    receiptHandle: `receipt-${sequence}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: { ...templateRecord().attributes, ApproximateReceiveCount: String(receiveCount) },
  };
};

export const sqsEvent = (...bodies: unknown[]): SQSEvent => ({
  Records: bodies.map((body) => sqsRecord(body)),
});
