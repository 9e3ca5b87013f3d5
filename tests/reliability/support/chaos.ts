import { randomUUID } from 'node:crypto';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { newChangeEvent, type ChangeEvent, type ProductInput } from '@bbws/core';
import type { AwsClients } from '@bbws/local-aws';
import { pick, type Random } from './pool';

// What the chaos suite injects straight into the consumers' queues, beside what the API publishes:
// extra and late copies of published events (SNS and SQS deliver at least once, in any order), change
// events of its own sent out of order, changes that can never apply, and poison.

export interface QueueTargets {
  change: string;
  audit: string;
}

export interface Delivery {
  body: string;
  delaySeconds: number;
}

/** Sends each delivery to both queues, as the topic's fan-out would, ten to a call. */
export const sendToBoth = async (aws: AwsClients, queues: QueueTargets, deliveries: Delivery[]) => {
  for (let start = 0; start < deliveries.length; start += 10) {
    const entries = deliveries.slice(start, start + 10).map((delivery, index) => ({
      Id: String(index),
      MessageBody: delivery.body,
      DelaySeconds: delivery.delaySeconds,
    }));
    await Promise.all(
      [queues.change, queues.audit].map((QueueUrl) =>
        aws.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries })),
      ),
    );
  }
};

export interface InjectionPlan {
  /** Chance that a published event gets one extra copy. */
  duplicateChance: number;
  /** Chance that it gets two more. */
  burstChance: number;
  /** Copies wait up to this long, so they land after later events: reordering. */
  maxDelaySeconds: number;
}

/** Extra, late copies of events already published: redelivery and reordering of the real stream. */
export const copiesOf = (bodies: string[], plan: InjectionPlan, random: Random): Delivery[] =>
  bodies.flatMap((body) => {
    const draw = random();
    const copies = draw < plan.burstChance ? 2 : draw < plan.duplicateChance ? 1 : 0;
    return Array.from({ length: copies }, () => ({
      body,
      delaySeconds: Math.floor(random() * (plan.maxDelaySeconds + 1)),
    }));
  });

const actor = { apiKeyId: 'chaos', sourceIp: '203.0.113.99', requestId: 'chaos' };
const MINUTE = 60_000;
// A day of its own, so that these events sort before anything the API publishes today.
const SYNTHETIC_DAY = Date.UTC(2024, 1, 29, 8);

const syntheticInput = (random: Random, label: string): ProductInput => ({
  name: `Chaos ${label} ${Math.floor(random() * 1000)}`,
  price: Math.floor(random() * 100_000) / 100,
  currency: pick(random, ['EUR', 'ZAR', 'USD']),
  ...(random() < 0.5 ? { category: 'chaos' } : {}),
});

/**
 * Change histories of products the API never saw: a CREATE, two to four UPDATEs and sometimes a DELETE,
 * a minute apart; half of them conditional (each change expects the version before it).
 */
export const syntheticHistories = (count: number, random: Random): ChangeEvent[][] =>
  Array.from({ length: count }, (_unused, index) => {
    const productId = randomUUID();
    const conditional = random() < 0.5;
    const at = (minute: number) => new Date(SYNTHETIC_DAY + index * 10 * MINUTE + minute * MINUTE);
    const history: ChangeEvent[] = [
      newChangeEvent({
        eventType: 'CREATE',
        productId,
        product: syntheticInput(random, 'v1'),
        actor,
        now: at(0),
      }),
    ];
    const updates = 2 + Math.floor(random() * 3);
    for (let version = 1; version <= updates; version += 1) {
      const expectedVersion = conditional ? version : undefined;
      const product = syntheticInput(random, `v${version + 1}`);
      history.push(
        newChangeEvent({ eventType: 'UPDATE', productId, product, expectedVersion, actor, now: at(version) }),
      );
    }
    if (random() < 0.3) {
      const expectedVersion = conditional ? updates + 1 : undefined;
      history.push(
        newChangeEvent({ eventType: 'DELETE', productId, expectedVersion, actor, now: at(updates + 1) }),
      );
    }
    return history;
  });

/** UPDATEs of products that never exist: valid, audited, but never applicable, so dead-lettered. */
export const orphanChanges = (count: number): ChangeEvent[] =>
  Array.from({ length: count }, () =>
    newChangeEvent({
      eventType: 'UPDATE',
      productId: randomUUID(),
      product: { name: 'Never created', price: 1, currency: 'EUR' },
      actor,
    }),
  );

/** Bodies no consumer can read as a change event, each unique so that it can be found in a DLQ. */
export const poisonBodies = (count: number): string[] => {
  const valid = (nonce: string) => ({
    schemaVersion: 1,
    eventId: randomUUID(),
    eventType: 'CREATE',
    productId: randomUUID(),
    occurredAt: new Date().toISOString(),
    product: { name: `Poison ${nonce}`, price: 1, currency: 'EUR' },
    actor,
  });
  const kinds = [
    (nonce: string) => `not json ${nonce}`,
    (nonce: string) => JSON.stringify({ nonce }),
    (nonce: string) => JSON.stringify([nonce]),
    (nonce: string) => JSON.stringify({ ...valid(nonce), schemaVersion: 2 }),
    (nonce: string) => JSON.stringify({ ...valid(nonce), productId: `not-a-uuid-${nonce}` }),
    (nonce: string) => JSON.stringify({ ...valid(nonce), eventType: 'UPSERT' }),
    // An unknown field is no poison (a later minor version may add one: docs/change-events.md); a CREATE
    // with an expectedVersion is.
    (nonce: string) => JSON.stringify({ ...valid(nonce), expectedVersion: 1 }),
    (nonce: string) => JSON.stringify({ ...valid(nonce), product: { name: '', price: -1, currency: 'eu' } }),
    (nonce: string) => `{"truncated": "${nonce}`,
    (nonce: string) => `${'\ud7ff\ue000\ufffd'.repeat(2_000)}${nonce}`,
  ];
  return Array.from({ length: count }, (_unused, index) =>
    (kinds[index % kinds.length] ?? String)(randomUUID()),
  );
};

/** Shuffles a copy of `items` (Fisher–Yates). */
export const shuffled = <T>(items: readonly T[], random: Random): T[] => {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
};
