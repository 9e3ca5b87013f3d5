import { randomUUID } from 'node:crypto';
import { newChangeEvent, type ChangeEvent, type ProductInput } from '@bbws/core';
import { sampleProductInput } from '@bbws/testing';

// Change events as the API publishes them, with the time under the test's control.

const actor = { apiKeyId: 'test-key', sourceIp: '203.0.113.10', requestId: 'test-request' };

/** A product input with this name and price and the schema's sample of every other field. */
export const productInput = (name: string, price = 10): ProductInput =>
  sampleProductInput({ name, price, currency: 'EUR' });

const at = (minute: number) => new Date(Date.UTC(2025, 0, 15, 10, minute));

export const created = (productId: string, product: ProductInput, minute = 0): ChangeEvent =>
  newChangeEvent({ eventType: 'CREATE', productId, product, actor, now: at(minute) });

export const updated = (
  productId: string,
  product: ProductInput,
  minute: number,
  expectedVersion?: number,
): ChangeEvent =>
  newChangeEvent({ eventType: 'UPDATE', productId, product, actor, expectedVersion, now: at(minute) });

export const deleted = (productId: string, minute: number, expectedVersion?: number): ChangeEvent =>
  newChangeEvent({ eventType: 'DELETE', productId, actor, expectedVersion, now: at(minute) });

export const newProductId = (): string => randomUUID();
