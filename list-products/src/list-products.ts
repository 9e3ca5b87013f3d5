import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  decodeCursor,
  DependencyUnavailable,
  documentClient,
  encodeCursor,
  nameIndexKeyCondition,
  normaliseName,
  priceIndexKeyCondition,
  productFromItem,
  ValidationFailed,
  type CursorContext,
  type CursorIndex,
  type ListProductsQuery,
  type Product,
} from '@bbws/core';

export const DEFAULT_PAGE_SIZE = 20;

export interface ProductPage {
  items: Product[];
  nextCursor: string | null;
}

const keyConditionFor = ({ name, sort, minPrice, maxPrice }: ListProductsQuery) => {
  if (name === undefined) return priceIndexKeyCondition(minPrice, maxPrice);
  if (sort !== undefined || minPrice !== undefined || maxPrice !== undefined) {
    throw new ValidationFailed([
      { field: 'name', message: 'is an exact lookup and cannot be combined with sort, minPrice or maxPrice' },
    ]);
  }
  return nameIndexKeyCondition(name);
};

/**
 * Lists active products with one Query on a sparse index: by price (ProductsByPriceIndex), or by exact
 * name (ProductsByNameIndex). No Scan and no filter, so every item read is an item returned.
 */
export const productLister =
  (tableName: string, cursorSigningKey: string) =>
  async (query: ListProductsQuery): Promise<ProductPage> => {
    const condition = keyConditionFor(query);
    const cursorContext: CursorContext = {
      index: condition.IndexName as CursorIndex,
      sort: query.sort,
      filters: {
        name: query.name === undefined ? undefined : normaliseName(query.name),
        minPrice: query.minPrice,
        maxPrice: query.maxPrice,
      },
    };
    const startKey =
      query.cursor === undefined ? undefined : decodeCursor(query.cursor, cursorContext, cursorSigningKey);
    const page = await documentClient()
      .send(
        new QueryCommand({
          TableName: tableName,
          ...condition,
          Limit: query.limit ?? DEFAULT_PAGE_SIZE,
          ScanIndexForward: query.sort !== 'price_desc',
          ExclusiveStartKey: startKey,
        }),
      )
      .catch((error: unknown) => {
        throw new DependencyUnavailable('products table', { cause: error });
      });
    return {
      items: (page.Items ?? []).map(productFromItem),
      nextCursor: page.LastEvaluatedKey
        ? encodeCursor(page.LastEvaluatedKey, cursorContext, cursorSigningKey)
        : null,
    };
  };
