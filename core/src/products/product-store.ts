import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../clients/dynamodb';
import { DependencyUnavailable, ProductNotFound, VersionConflict } from '../errors';
import { productFromItem, productKey } from '../keys';
import type { Product } from '../schemas/product';

export interface ProductStore {
  /** The active product, or ProductNotFound when it is missing or soft-deleted. */
  findActive(productId: string, options?: { consistent?: boolean }): Promise<Product>;
  /** Checks a change may be accepted: the product is active and, if given, at one of `acceptedVersions`. */
  assertChangeable(productId: string, acceptedVersions?: readonly number[]): Promise<Product>;
}

/** Read access to the products table for the API's functions. */
export const productStore = (tableName: string): ProductStore => {
  const read = async (productId: string, consistent: boolean) => {
    try {
      const { Item } = await documentClient().send(
        new GetCommand({ TableName: tableName, Key: productKey(productId), ConsistentRead: consistent }),
      );
      return Item;
    } catch (error) {
      throw new DependencyUnavailable('products table', { cause: error });
    }
  };

  const findActive: ProductStore['findActive'] = async (productId, { consistent = false } = {}) => {
    const item = await read(productId, consistent);
    if (!item || item.active !== true) throw new ProductNotFound(productId);
    return productFromItem(item);
  };

  return {
    findActive,
    assertChangeable: async (productId, acceptedVersions) => {
      const product = await findActive(productId, { consistent: true });
      if (acceptedVersions !== undefined && !acceptedVersions.includes(product.version)) {
        throw new VersionConflict(productId, acceptedVersions);
      }
      return product;
    },
  };
};
