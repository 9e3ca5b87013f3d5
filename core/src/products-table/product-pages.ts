import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../clients/dynamodb';
import type { Product } from '../schemas/product';
import { keyCondition, productFromItem, type ProductQuery } from './keys';
import { isPageKey, type PageKey } from './page-keys';
import { tableUnavailable } from './table-errors';

export interface PageRequest {
  ascending: boolean;
  limit: number;
  /** Where the previous page ended. */
  startKey?: PageKey;
}

export interface TablePage {
  products: Product[];
  /** Where this page ended, when more items may follow. */
  lastKey?: PageKey;
}

/**
 * Reads one page of a listing with one Query on a sparse index. No Scan and no filter, so every item
 * read is an item returned; a failed call is DependencyUnavailable.
 */
export const productPages =
  (tableName: string) =>
  async (query: ProductQuery, { ascending, limit, startKey }: PageRequest): Promise<TablePage> => {
    const page = await documentClient()
      .send(
        new QueryCommand({
          TableName: tableName,
          ...keyCondition(query),
          Limit: limit,
          ScanIndexForward: ascending,
          ExclusiveStartKey: startKey,
        }),
      )
      .catch(tableUnavailable);
    const lastKey: unknown = page.LastEvaluatedKey;
    if (lastKey !== undefined && !isPageKey(query.index, lastKey)) {
      throw new Error(`LastEvaluatedKey does not have the key attributes of ${query.index}`);
    }
    return { products: (page.Items ?? []).map(productFromItem), lastKey };
  };
