import { requireEnv } from '../config';
import type { NewChangeEvent } from '../events';
import type { Actor, ChangeEvent } from '../schemas/change-event';
import type { ProductInput } from '../schemas/product';
import { changePublisher } from './change-publisher';
import { productStore, type ProductStore } from './product-store';

export type ChangeRequest = {
  productId: string;
  /** Versions the caller's `If-Match` accepts; undefined when any will do. */
  acceptedVersions?: readonly number[];
  actor: Actor;
} & ({ eventType: 'UPDATE'; product: ProductInput } | { eventType: 'DELETE'; product?: undefined });

/**
 * Accepts an UPDATE or DELETE of an existing product: 404 when it is missing or deleted, 412 when it is
 * at none of the accepted versions. The version that matched is carried in the event for the consumer
 * to enforce, so a change accepted against version 3 never lands on version 4.
 */
export const changeAcceptor =
  (store: ProductStore, publish: (change: NewChangeEvent) => Promise<ChangeEvent>) =>
  async ({ productId, acceptedVersions, actor, ...change }: ChangeRequest): Promise<ChangeEvent> => {
    const current = await store.assertChangeable(productId, acceptedVersions);
    const expectedVersion = acceptedVersions === undefined ? undefined : current.version;
    return publish({ ...change, productId, expectedVersion, actor } as NewChangeEvent);
  };

/**
 * The acceptor a PUT or DELETE function builds at cold start: the table and topic its environment names
 * (PRODUCTS_TABLE_NAME, PRODUCT_EVENTS_TOPIC_ARN); a missing one fails there, not on a request.
 */
export const changeAcceptorFromEnvironment = () =>
  changeAcceptor(
    productStore(requireEnv('PRODUCTS_TABLE_NAME')),
    changePublisher(requireEnv('PRODUCT_EVENTS_TOPIC_ARN')),
  );
