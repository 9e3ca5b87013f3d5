import { occurredAtUtc, type ChangeEvent, type ProductInput } from '@bbws/core';

// The reference the property test compares the table with: the changes of one product applied one by
// one, in accepted order, by rules written out plainly here rather than taken from the consumer.

export interface ModelProduct {
  product: ProductInput;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  deletedAt?: string;
  version: number;
  lastEventId: string;
}

/** Accepted order: time of the change, then eventId, the order the consumer promises to converge on. */
export const acceptedOrder = (changeEvents: ChangeEvent[]): ChangeEvent[] =>
  changeEvents
    .map((changeEvent) => ({ changeEvent, position: `${occurredAtUtc(changeEvent)} ${changeEvent.eventId}` }))
    .sort((a, b) => Number(a.position > b.position) - Number(a.position < b.position))
    .map(({ changeEvent }) => changeEvent);

const applyOne = (state: ModelProduct | undefined, changeEvent: ChangeEvent): ModelProduct | undefined => {
  const at = occurredAtUtc(changeEvent);
  if (changeEvent.eventType === 'CREATE') {
    if (state) return state;
    const { product, eventId } = changeEvent;
    return { product, active: true, createdAt: at, updatedAt: at, version: 1, lastEventId: eventId };
  }
  if (!state) return state;
  if (changeEvent.expectedVersion !== undefined && changeEvent.expectedVersion !== state.version)
    return state;
  const common = { ...state, updatedAt: at, version: state.version + 1, lastEventId: changeEvent.eventId };
  if (changeEvent.eventType === 'DELETE') return { ...common, active: false, deletedAt: at };
  return { ...common, product: changeEvent.product, active: true, deletedAt: undefined };
};

/** The product after applying `changeEvents` serially in accepted order. */
export const applySerially = (changeEvents: ChangeEvent[]): ModelProduct | undefined =>
  acceptedOrder(changeEvents).reduce<ModelProduct | undefined>(applyOne, undefined);
