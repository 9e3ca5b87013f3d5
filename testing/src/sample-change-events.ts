import { validateChangeEvent, type ChangeEvent } from '@bbws/core';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { sampleProductInput } from './products';

// The change events of the samples (core/events, and the SQS events of the two consumers): one product,
// created, updated and deleted, with its fields from the product schema. Each is checked against core's
// change event schema when built.

const SAMPLE_PRODUCT_ID = '0b6f5a3e-7c1d-4a8e-9f2b-3c4d5e6f7a8b';

const actor = (requestId: string) => ({ apiKeyId: 'a1b2c3d4e5', sourceIp: '203.0.113.10', requestId });

const checked = (event: ChangeEvent): ChangeEvent => validateChangeEvent(event);

export const sampleChangeEvents = () => ({
  create: checked({
    schemaVersion: 1,
    eventId: '7d6c1f0e-2b3a-4c5d-8e9f-0a1b2c3d4e5f',
    eventType: 'CREATE',
    productId: SAMPLE_PRODUCT_ID,
    occurredAt: '2025-01-15T10:30:00.000Z',
    product: sampleProductInput({
      name: 'Ceramic Mug',
      description: 'Hand-glazed, 350 ml',
      price: 19.99,
      currency: 'EUR',
      category: 'Kitchen',
      sku: 'MUG-350-BLUE',
      imageUrl: 'https://images.example.com/mug.png',
    }),
    actor: actor('c6af9ac6-7b61-11e6-9a41-93e8deadbeef'),
  }),
  update: checked({
    schemaVersion: 1,
    eventId: '3a2b1c0d-9e8f-4a7b-b6c5-d4e3f2a1b0c9',
    eventType: 'UPDATE',
    productId: SAMPLE_PRODUCT_ID,
    occurredAt: '2025-01-15T12:00:00.000Z',
    expectedVersion: 1,
    // A PUT replaces the editable fields: this one keeps only the required ones and the category.
    product: sampleProductInput(
      { name: 'Ceramic Mug, large', price: 24.5, currency: 'EUR', category: 'Kitchen' },
      { optional: false },
    ),
    actor: actor('a1d3e5f7-1b2c-4d3e-8f4a-5b6c7d8e9f00'),
  }),
  delete: checked({
    schemaVersion: 1,
    eventId: '9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4',
    eventType: 'DELETE',
    productId: SAMPLE_PRODUCT_ID,
    occurredAt: '2025-01-16T08:00:00.000Z',
    expectedVersion: 2,
    actor: actor('d7bf0bd7-8c72-42f7-8b52-04f9efbeef00'),
  }),
});

/** A message no consumer can read as a change event: its record must be reported as failed. */
const POISON_BODY = { eventType: 'UPDATE', productId: 'not-a-uuid' };

const sqsRecord = (
  queue: string,
  messageId: string,
  handle: string,
  body: object,
  eventType?: string,
): SQSRecord => ({
  messageId,
  receiptHandle: `AQEB${handle}ReceiptHandleForInvokeLocal`,
  body: JSON.stringify(body),
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '1736937000000',
    SenderId: 'AIDAIENQZJOLO23YVJ4VO',
    ApproximateFirstReceiveTimestamp: '1736937000500',
  },
  messageAttributes: eventType
    ? {
        eventType: { stringValue: eventType, stringListValues: [], binaryListValues: [], dataType: 'String' },
      }
    : {},
  md5OfBody: '00000000000000000000000000000000',
  eventSource: 'aws:sqs',
  eventSourceARN: `arn:aws:sqs:eu-west-1:000000000000:${queue}`,
  awsRegion: 'eu-west-1',
});

/** The SQS events `serverless invoke local` feeds a consumer of `queue`, by file name. */
export const sampleSqsEventFiles = (queue: string): Record<string, SQSEvent> => {
  const events = sampleChangeEvents();
  const create = sqsRecord(queue, '059f36b4-87a3-44ab-83d2-661975830a7d', 'create', events.create, 'CREATE');
  const update = sqsRecord(queue, '2e1424d4-f796-459a-8184-9c92662be6da', 'update', events.update, 'UPDATE');
  const remove = sqsRecord(queue, 'c80e8021-a70a-42c7-a470-796e1186f753', 'delete', events.delete, 'DELETE');
  const poison = sqsRecord(queue, 'f1d2c3b4-a5e6-4f70-8a9b-0c1d2e3f4a5b', 'poison', POISON_BODY);
  return {
    'sqs-create.json': { Records: [create] },
    'sqs-update.json': { Records: [update] },
    'sqs-delete.json': { Records: [remove] },
    'sqs-batch-with-poison.json': { Records: [create, update, remove, poison] },
  };
};
