import {
  decodeCursor,
  encodeCursor,
  isPageKey,
  nameQuery,
  priceQuery,
  productPages,
  ValidationFailed,
  type CursorContext,
  type ListProductsQuery,
  type PageKey,
  type Product,
  type ProductQuery,
} from '@bbws/core';

export const DEFAULT_PAGE_SIZE = 20;

export interface ProductPage {
  items: Product[];
  nextCursor: string | null;
}

const productQueryFor = ({ name, sort, minPrice, maxPrice }: ListProductsQuery): ProductQuery => {
  if (name === undefined) return priceQuery(minPrice, maxPrice);
  if (sort !== undefined || minPrice !== undefined || maxPrice !== undefined) {
    throw new ValidationFailed([
      { field: 'name', message: 'is an exact lookup and cannot be combined with sort, minPrice or maxPrice' },
    ]);
  }
  return nameQuery(name);
};

// Bound to the table query a cursor continues rather than to the query string, so spellings of the same
// query (no sort and `sort=price_asc`, no minPrice and `minPrice=0`, names differing in case) share cursors.
const cursorContextFor = ({ index, keyValues }: ProductQuery, ascending: boolean): CursorContext => ({
  index,
  sort: ascending ? 'ascending' : 'descending',
  filters: keyValues,
});

/**
 * Lists active products, one table page per call: by price (ProductsByPriceIndex), or by exact name
 * (ProductsByNameIndex), continuing from a signed cursor.
 */
export const productLister = (tableName: string, cursorSigningKey: string) => {
  const readPage = productPages(tableName);
  return async (query: ListProductsQuery): Promise<ProductPage> => {
    const productQuery = productQueryFor(query);
    const ascending = query.sort !== 'price_desc';
    const cursorContext = cursorContextFor(productQuery, ascending);
    const isKeyOfIndex = (position: unknown): position is PageKey => isPageKey(productQuery.index, position);
    const startKey =
      query.cursor === undefined
        ? undefined
        : decodeCursor(query.cursor, cursorContext, cursorSigningKey, isKeyOfIndex);
    const page = await readPage(productQuery, {
      ascending,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      startKey,
    });
    return {
      items: page.products,
      nextCursor: page.lastKey ? encodeCursor(page.lastKey, cursorContext, cursorSigningKey) : null,
    };
  };
};
