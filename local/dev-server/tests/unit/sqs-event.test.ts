import { failedMessageIds, sqsBatches, sqsRecord } from '../../src/sqs-event';

const ids = ['m1', 'm2', 'm3'];

describe('failedMessageIds', () => {
  it('leaves only the reported items on the queue', () => {
    const result = { batchItemFailures: [{ itemIdentifier: 'm2' }] };
    expect(failedMessageIds(ids, { ok: true, result }, true)).toEqual(['m2']);
  });

  it('deletes the whole batch for an empty, null or absent failure list', () => {
    for (const result of [{ batchItemFailures: [] }, null, {}]) {
      expect(failedMessageIds(ids, { ok: true, result }, true)).toEqual([]);
    }
  });

  it('fails the whole batch when the function throws or names a message not in the batch', () => {
    expect(failedMessageIds(ids, { ok: false }, true)).toEqual(ids);
    const result = { batchItemFailures: [{ itemIdentifier: 'elsewhere' }] };
    expect(failedMessageIds(ids, { ok: true, result }, true)).toEqual(ids);
  });

  it('ignores a reported list when the mapping does not use ReportBatchItemFailures', () => {
    const result = { batchItemFailures: [{ itemIdentifier: 'm2' }] };
    expect(failedMessageIds(ids, { ok: true, result }, false)).toEqual([]);
  });
});

describe('sqsRecord', () => {
  it('builds the record Lambda hands over, message attributes in its lower-camel shape', () => {
    const record = sqsRecord(
      {
        MessageId: 'm1',
        ReceiptHandle: 'r1',
        Body: '{}',
        Attributes: { ApproximateReceiveCount: '3' },
        MessageAttributes: { eventType: { DataType: 'String', StringValue: 'CREATE' } },
      },
      'arn:aws:sqs:eu-west-1:000000000000:queue',
      'eu-west-1',
    );

    expect(record).toMatchObject({
      messageId: 'm1',
      receiptHandle: 'r1',
      attributes: { ApproximateReceiveCount: '3' },
      messageAttributes: { eventType: { dataType: 'String', stringValue: 'CREATE', stringListValues: [] } },
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:queue',
      awsRegion: 'eu-west-1',
    });
  });
});

describe('sqsBatches', () => {
  it('splits the entries into calls of at most 10, each with an Id unique in its call', () => {
    const handles = Array.from({ length: 23 }, (_, index) => `r${index}`);

    const batches = sqsBatches(handles, (ReceiptHandle) => ({ ReceiptHandle }));

    expect(batches.map((batch) => batch.length)).toEqual([10, 10, 3]);
    expect(batches[2]).toEqual([
      { ReceiptHandle: 'r20', Id: '0' },
      { ReceiptHandle: 'r21', Id: '1' },
      { ReceiptHandle: 'r22', Id: '2' },
    ]);
    expect(batches.flat().map(({ ReceiptHandle }) => ReceiptHandle)).toEqual(handles);
  });
});
