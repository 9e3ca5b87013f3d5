import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../clients/dynamodb';
import type { Product } from '../schemas/product';
import { productFromItem, productKey } from './keys';
import { tableUnavailable } from './table-errors';

export interface ProductReader {
  /** The product stored under `productId`, active or soft-deleted; undefined when there is none. */
  find(productId: string, options?: { consistent?: boolean }): Promise<Product | undefined>;
}

/** Reads single products; a failed call is DependencyUnavailable. */
export const productReader = (tableName: string): ProductReader => ({
  find: async (productId, { consistent = false } = {}) => {
    const { Item } = await documentClient()
      .send(new GetCommand({ TableName: tableName, Key: productKey(productId), ConsistentRead: consistent }))
      .catch(tableUnavailable);
    return Item && productFromItem(Item);
  },
});
