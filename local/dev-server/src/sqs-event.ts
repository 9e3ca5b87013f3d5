import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSMessageAttributes, SQSRecord } from 'aws-lambda';

const recordAttribute = (value: MessageAttributeValue) => ({
  stringValue: value.StringValue,
  binaryValue: value.BinaryValue ? Buffer.from(value.BinaryValue).toString('base64') : undefined,
  stringListValues: value.StringListValues ?? [],
  binaryListValues: (value.BinaryListValues ?? []).map((item) => Buffer.from(item).toString('base64')),
  dataType: value.DataType ?? 'String',
});

const recordAttributes = (attributes: Record<string, string>, now: string): SQSRecord['attributes'] => ({
  ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
  SentTimestamp: attributes.SentTimestamp ?? now,
  SenderId: attributes.SenderId ?? '',
  ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? now,
});

/** An SQS record as Lambda's event source mapping builds it from a received message. */
export const sqsRecord = (message: Message, queueArn: string, region: string): SQSRecord => ({
  messageId: message.MessageId ?? '',
  receiptHandle: message.ReceiptHandle ?? '',
  body: message.Body ?? '',
  attributes: recordAttributes(message.Attributes ?? {}, String(Date.now())),
  messageAttributes: Object.fromEntries(
    Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, recordAttribute(value)]),
  ) as SQSMessageAttributes,
  md5OfBody: message.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: queueArn,
  awsRegion: region,
});

/** The entries of SQS batch calls for `items`: at most 10 a call, each with an Id unique in its call. */
export const sqsBatches = <T, E>(items: T[], entry: (item: T) => E): Array<Array<E & { Id: string }>> =>
  Array.from({ length: Math.ceil(items.length / 10) }, (_, batch) =>
    items.slice(batch * 10, batch * 10 + 10).map((item, index) => ({ ...entry(item), Id: String(index) })),
  );

/**
 * The message ids to leave on the queue after an invocation, by Lambda's rules for
 * ReportBatchItemFailures: a function error fails the whole batch; an empty or absent list fails none;
 * an item naming no message of the batch makes the response invalid, which fails the whole batch.
 */
export const failedMessageIds = (
  messageIds: string[],
  outcome: { ok: boolean; result?: unknown },
  reportBatchItemFailures: boolean,
): string[] => {
  if (!outcome.ok) return messageIds;
  if (!reportBatchItemFailures) return [];
  const failures = (outcome.result as SQSBatchResponse | null)?.batchItemFailures ?? [];
  const identifiers = failures.map((failure) => failure.itemIdentifier);
  return identifiers.every((identifier) => messageIds.includes(identifier))
    ? messageIds.filter((messageId) => identifiers.includes(messageId))
    : messageIds;
};
