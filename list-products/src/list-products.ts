import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  decodeCursor,
  DependencyUnavailable,
  documentClient,
  encodeCursor,
  nameIndexKeyCondition,
  priceIndexKeyCondition,
  productFromItem,
  ValidationFailed,
  type CursorContext,
  type CursorIndex,
  type KeyCondition,
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

// Bound to the Query a cursor continues rather than to the query string, so spellings of the same
// query (no sort and `sort=price_asc`, no minPrice and `minPrice=0`, names differing in case) share cursors.
const cursorContextFor = (condition: KeyCondition, ascending: boolean): CursorContext => ({
  index: condition.IndexName as CursorIndex,
  sort: ascending ? 'ascending' : 'descending',
  filters: condition.ExpressionAttributeValues,
});

/**
 * Lists active products with one Query on a sparse index: by price (ProductsByPriceIndex), or by exact
 * name (ProductsByNameIndex). No Scan and no filter, so every item read is an item returned.
 */
export const productLister =
  (tableName: string, cursorSigningKey: string) =>
  async (query: ListProductsQuery): Promise<ProductPage> => {
    const condition = keyConditionFor(query);
    const ascending = query.sort !== 'price_desc';
    const cursorContext = cursorContextFor(condition, ascending);
    const startKey =
      query.cursor === undefined ? undefined : decodeCursor(query.cursor, cursorContext, cursorSigningKey);
    const page = await documentClient()
      .send(
        new QueryCommand({
          TableName: tableName,
          ...condition,
          Limit: query.limit ?? DEFAULT_PAGE_SIZE,
          ScanIndexForward: ascending,
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
