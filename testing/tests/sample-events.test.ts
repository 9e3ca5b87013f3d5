import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { productInputSchema, validateChangeEvent, validateProductInput } from '@bbws/core';
import type { APIGatewayProxyEvent, SQSEvent } from 'aws-lambda';
import { sampleEventFiles } from '../src';

const root = path.join(__dirname, '..', '..');
const expected = sampleEventFiles();
const parsed = <T>(file: string): T => JSON.parse(expected[file] ?? 'null') as T;

describe('the sample events (events/*.json of every service)', () => {
  it('are exactly the files npm run events writes', () => {
    const services = [...new Set(Object.keys(expected).map((file) => file.split('/')[0] ?? ''))];
    const onDisk = services.flatMap((service) =>
      readdirSync(path.join(root, service, 'events')).map((file) => `${service}/events/${file}`),
    );

    expect(onDisk.sort()).toEqual(Object.keys(expected).sort());
  });

  it('match the current schemas: after changing a schema, run `npm run events`', () => {
    const stale = Object.entries(expected)
      .filter(
        ([file, contents]) =>
          !existsSync(path.join(root, file)) || readFileSync(path.join(root, file), 'utf8') !== contents,
      )
      .map(([file]) => file);

    expect(stale).toEqual([]);
  });

  it('carry product bodies core accepts, with every field of the product input schema', () => {
    const body = JSON.parse(
      parsed<APIGatewayProxyEvent>('create-product/events/create-product.json').body ?? '',
    );

    expect(validateProductInput(body)).toEqual(body);
    expect(Object.keys(body)).toEqual(Object.keys(productInputSchema.properties));
  });

  it('hold, in the poison batch, three valid change events and one message that is none', () => {
    const bodies = parsed<SQSEvent>('product-creator/events/sqs-batch-with-poison.json').Records.map(
      (record) => JSON.parse(record.body),
    );
    const readable = bodies.filter((body) => {
      try {
        return validateChangeEvent(body) !== undefined;
      } catch {
        return false;
      }
    });

    expect(readable.map((event) => event.eventType)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
    expect(bodies).toHaveLength(4);
  });

  it('send each consumer the same change events, from its own queue', () => {
    for (const file of [
      'sqs-create.json',
      'sqs-update.json',
      'sqs-delete.json',
      'sqs-batch-with-poison.json',
    ]) {
      const creator = parsed<SQSEvent>(`product-creator/events/${file}`).Records;
      const audit = parsed<SQSEvent>(`audit-logger/events/${file}`).Records;

      expect(audit.map((record) => record.body)).toEqual(creator.map((record) => record.body));
      expect(new Set(audit.map((record) => record.eventSourceARN))).toEqual(
        new Set(['arn:aws:sqs:eu-west-1:000000000000:bbws-product-audit-local']),
      );
    }
  });
});
