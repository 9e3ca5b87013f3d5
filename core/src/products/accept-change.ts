import { expectedVersionFrom } from '../http/request';
import type { Actor, ChangeEvent } from '../schemas/change-event';
import type { ProductInput } from '../schemas/product';
import type { NewChangeEvent } from '../events';
import type { ProductStore } from './product-store';

export type ChangeRequest = {
  productId: string;
  headers: Record<string, string | undefined>;
  actor: Actor;
} & ({ eventType: 'UPDATE'; product: ProductInput } | { eventType: 'DELETE'; product?: undefined });

/**
 * Accepts an UPDATE or DELETE of an existing product: 404 when it is missing or deleted, 412 when
 * `If-Match` names another version (which is also carried in the event for the consumer to enforce),
 * then publishes the change.
 */
export const changeAcceptor =
  (store: ProductStore, publish: (change: NewChangeEvent) => Promise<ChangeEvent>) =>
  async ({ productId, headers, actor, ...change }: ChangeRequest): Promise<ChangeEvent> => {
    const expectedVersion = expectedVersionFrom(headers);
    await store.assertChangeable(productId, expectedVersion);
    return publish({ ...change, productId, expectedVersion, actor } as NewChangeEvent);
  };
