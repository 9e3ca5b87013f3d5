import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { productInputSchema, type ProductInput } from '../schemas/product';
import { INDEX_ATTRIBUTES, indexAttributes, productItem, productKey } from './keys';
import { isConditionFailure } from './table-errors';

// The one conditional write that applies each kind of change. The conditions carry the ordering rules;
// the caller explains a refused write from the item's change tracking.

/** The change being applied: its event's id and time (UTC, fixed form, so that string order is time order). */
export interface ChangeStamp {
  eventId: string;
  at: string;
}

/**
 * Kept on every item to order changes: the version and the last event applied. Not part of the product.
 */
export interface ChangeTracking {
  version: number;
  lastEventId?: string;
  lastEventAt?: string;
}

export type ConditionalWrite = { applied: true; version: number } | { applied: false };

export interface ProductWrites {
  /** Puts the product active at version 1 unless an item with its key exists; false when one does. */
  create(productId: string, product: ProductInput, stamp: ChangeStamp): Promise<boolean>;
  /**
   * Replaces the editable fields (an optional field not given is removed) and revives a deleted product,
   * if the product exists, the change is newer than the last one applied and, when given, the product is
   * at `expectedVersion`.
   */
  replace(
    productId: string,
    product: ProductInput,
    stamp: ChangeStamp,
    expectedVersion?: number,
  ): Promise<ConditionalWrite>;
  /** Soft-deletes the product under the same conditions: the item stays, its index keys go. */
  softDelete(productId: string, stamp: ChangeStamp, expectedVersion?: number): Promise<ConditionalWrite>;
  /** The item's change tracking, read consistently; undefined when there is no item. */
  tracking(productId: string): Promise<ChangeTracking | undefined>;
}

const requiredFields: readonly string[] = productInputSchema.required;
const OPTIONAL_FIELDS = Object.keys(productInputSchema.properties).filter(
  (field) => !requiredFields.includes(field),
);

interface ItemChange {
  set: Record<string, unknown>;
  remove: readonly string[];
}

const replacement = (productId: string, product: ProductInput, at: string): ItemChange => {
  const index = indexAttributes({ productId, name: product.name, price: product.price, active: true });
  const given: Record<string, unknown> = product;
  return {
    set: { ...product, active: true, updatedAt: at, ...index.set },
    remove: [...OPTIONAL_FIELDS.filter((field) => given[field] === undefined), 'deletedAt'],
  };
};

// Listings and name lookups stop seeing a product whose index keys are gone.
const softDeletion = (at: string): ItemChange => ({
  set: { active: false, deletedAt: at, updatedAt: at },
  remove: INDEX_ATTRIBUTES,
});

// Applies when the product exists, the event is newer than the last one applied (time, then eventId to
// break ties) and, when given, the version is the expected one.
const NEWER_THAN_LAST =
  '(attribute_not_exists(#lastEventAt) OR #lastEventAt < :eventAt OR (#lastEventAt = :eventAt AND #lastEventId < :eventId))';

const BOOKKEEPING = ['#version = #version + :one', '#lastEventAt = :eventAt', '#lastEventId = :eventId'];

const conditionalUpdate = (
  tableName: string,
  productId: string,
  { set, remove }: ItemChange,
  { eventId, at }: ChangeStamp,
  expectedVersion: number | undefined,
) => {
  const names: Record<string, string> = {
    '#pk': 'PK',
    '#version': 'version',
    '#lastEventAt': 'lastEventAt',
    '#lastEventId': 'lastEventId',
  };
  const values: Record<string, unknown> = { ':eventAt': at, ':eventId': eventId, ':one': 1 };
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
  if (expectedVersion !== undefined) {
    values[':expectedVersion'] = expectedVersion;
    conditions.push('#version = :expectedVersion');
  }
  return new UpdateCommand({
    TableName: tableName,
    Key: productKey(productId),
    UpdateExpression: `SET ${[...assignments, ...BOOKKEEPING].join(', ')} REMOVE ${removals.join(', ')}`,
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: 'UPDATED_NEW',
  });
};

/** The conditional writes of product changes. SDK errors other than a refused condition are thrown as they are. */
export const productWrites = (tableName: string, client: DynamoDBDocumentClient): ProductWrites => {
  const write = async (command: UpdateCommand): Promise<ConditionalWrite> => {
    try {
      const { Attributes } = await client.send(command);
      return { applied: true, version: Number(Attributes?.version) };
    } catch (error) {
      if (isConditionFailure(error)) return { applied: false };
      throw error;
    }
  };

  return {
    create: async (productId, product, { eventId, at }) => {
      const created = { productId, ...product, active: true, createdAt: at, updatedAt: at, version: 1 };
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...productItem(created), lastEventId: eventId, lastEventAt: at },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    replace: (productId, product, stamp, expectedVersion) =>
      write(
        conditionalUpdate(
          tableName,
          productId,
          replacement(productId, product, stamp.at),
          stamp,
          expectedVersion,
        ),
      ),
    softDelete: (productId, stamp, expectedVersion) =>
      write(conditionalUpdate(tableName, productId, softDeletion(stamp.at), stamp, expectedVersion)),
    tracking: async (productId) =>
      (
        await client.send(
          new GetCommand({
            TableName: tableName,
            Key: productKey(productId),
            ConsistentRead: true,
            ProjectionExpression: '#version, lastEventId, lastEventAt',
            ExpressionAttributeNames: { '#version': 'version' },
          }),
        )
      ).Item as ChangeTracking | undefined,
  };
};
