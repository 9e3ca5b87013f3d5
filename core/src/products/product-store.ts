import { ProductNotFound, VersionConflict } from '../errors';
import { productReader } from '../products-table/product-reads';
import type { Product } from '../schemas/product';

export interface ProductStore {
  /** The active product, or ProductNotFound when it is missing or soft-deleted. */
  findActive(productId: string, options?: { consistent?: boolean }): Promise<Product>;
  /** Checks a change may be accepted: the product is active and, if given, at one of `acceptedVersions`. */
  assertChangeable(productId: string, acceptedVersions?: readonly number[]): Promise<Product>;
}

/** The API functions' view of stored products. */
export const productStore = (tableName: string): ProductStore => {
  const products = productReader(tableName);

  const findActive: ProductStore['findActive'] = async (productId, options) => {
    const product = await products.find(productId, options);
    if (product?.active !== true) throw new ProductNotFound(productId);
    return product;
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
