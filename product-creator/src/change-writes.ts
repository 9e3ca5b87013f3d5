import type { PutCommandInput, UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  INDEX_ATTRIBUTES,
  indexAttributes,
  occurredAtUtc,
  productInputSchema,
  productItem,
  productKey,
  type ChangeEvent,
} from '@bbws/core';

// The one conditional write that applies each kind of change event. The conditions carry the ordering
// rules; apply-change.ts explains a failed condition.

export type CreateEvent = Extract<ChangeEvent, { eventType: 'CREATE' }>;
export type UpdateEvent = Extract<ChangeEvent, { eventType: 'UPDATE' }>;
export type DeleteEvent = Extract<ChangeEvent, { eventType: 'DELETE' }>;

/**
 * Kept on every item to order changes: the last event applied and its time (UTC, fixed form, so that
 * string order is time order). Not part of the product.
 */
export const CHANGE_TRACKING_ATTRIBUTES = ['lastEventId', 'lastEventAt'] as const;

const requiredFields: readonly string[] = productInputSchema.required;
const OPTIONAL_FIELDS = Object.keys(productInputSchema.properties).filter(
  (field) => !requiredFields.includes(field),
);

export const createWrite = (tableName: string, changeEvent: CreateEvent): PutCommandInput => {
  const at = occurredAtUtc(changeEvent);
  const product = {
    productId: changeEvent.productId,
    ...changeEvent.product,
    active: true,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  return {
    TableName: tableName,
    Item: { ...productItem(product), lastEventId: changeEvent.eventId, lastEventAt: at },
    ConditionExpression: 'attribute_not_exists(PK)',
  };
};

interface ItemChange {
  set: Record<string, unknown>;
  remove: readonly string[];
}

/** Full replacement of the editable fields: an optional field absent from the event is removed. */
const updateChange = ({ productId, product }: UpdateEvent, at: string): ItemChange => {
  const index = indexAttributes({ productId, name: product.name, price: product.price, active: true });
  const given: Record<string, unknown> = product;
  return {
    set: { ...product, active: true, updatedAt: at, ...index.set },
    remove: [...OPTIONAL_FIELDS.filter((field) => given[field] === undefined), 'deletedAt'],
  };
};

/** Soft delete: the item stays, its index keys go, so listings and name lookups stop seeing it. */
const deleteChange = (at: string): ItemChange => ({
  set: { active: false, deletedAt: at, updatedAt: at },
  remove: INDEX_ATTRIBUTES,
});

// Applies when the product exists, the event is newer than the last one applied (time, then eventId to
// break ties) and, when given, the version is the expected one.
const NEWER_THAN_LAST =
  '(attribute_not_exists(#lastEventAt) OR #lastEventAt < :eventAt OR (#lastEventAt = :eventAt AND #lastEventId < :eventId))';

const BOOKKEEPING = ['#version = #version + :one', '#lastEventAt = :eventAt', '#lastEventId = :eventId'];

export const changeWrite = (
  tableName: string,
  changeEvent: UpdateEvent | DeleteEvent,
): UpdateCommandInput => {
  const at = occurredAtUtc(changeEvent);
  const { set, remove } =
    changeEvent.eventType === 'UPDATE' ? updateChange(changeEvent, at) : deleteChange(at);
  const names: Record<string, string> = {
    '#pk': 'PK',
    '#version': 'version',
    '#lastEventAt': 'lastEventAt',
    '#lastEventId': 'lastEventId',
  };
  const values: Record<string, unknown> = { ':eventAt': at, ':eventId': changeEvent.eventId, ':one': 1 };
  const assignments = Object.entries(set).map(([attribute, value], position) => {
    names[`#set${position}`] = attribute;
    values[`:set${position}`] = value;
    return `#set${position} = :set${position}`;
  });
  const removals = remove.map((attribute, position) => {
    names[`#remove${position}`] = attribute;
    return `#remove${position}`;
  });
  const conditions = ['attribute_exists(#pk)', NEWER_THAN_LAST];
  if (changeEvent.expectedVersion !== undefined) {
    values[':expectedVersion'] = changeEvent.expectedVersion;
    conditions.push('#version = :expectedVersion');
  }
  return {
    TableName: tableName,
    Key: productKey(changeEvent.productId),
    UpdateExpression: `SET ${[...assignments, ...BOOKKEEPING].join(', ')} REMOVE ${removals.join(', ')}`,
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: 'UPDATED_NEW',
  };
};
