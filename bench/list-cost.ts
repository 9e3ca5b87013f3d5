import { randomBytes } from 'node:crypto';
import { apiGatewayEvent } from '@bbws/dev-server';
import { applyEnv } from '@bbws/testing';
import type { Context } from 'aws-lambda';

export interface ListPageCost {
  query: string;
  page: number;
  returned: number;
  /** Items DynamoDB read to answer (ScannedCount): with a filter or a dense index it exceeds `returned`. */
  read: number;
  /** ConsumedCapacity.CapacityUnits, when the backend reports it. */
  capacityUnits?: number;
}

export interface ListCost {
  pages: ListPageCost[];
  itemsRead: number;
  itemsReturned: number;
  /** Must be 1.0: every item read is an item returned. */
  readPerReturned: number;
}

interface QueryOutput {
  Count?: number;
  ScannedCount?: number;
  ConsumedCapacity?: { CapacityUnits?: number };
}

const LISTINGS: Array<{ query: string; parameters: Record<string, string> }> = [
  { query: 'by price, limit 20', parameters: { limit: '20' } },
  {
    query: 'price_desc 10..300, limit 7',
    parameters: { sort: 'price_desc', minPrice: '10', maxPrice: '300', limit: '7' },
  },
  { query: 'by name', parameters: { name: 'Bench product 3' } },
];

const MAX_PAGES = 50;

/**
 * Runs list-products' own handler in this process against the seeded table, following every cursor, and
 * reads ScannedCount, Count and ConsumedCapacity off each Query it sends (an SDK middleware on the
 * document client the function uses).
 */
export const measureListCost = async (
  stackEnv: Record<string, string>,
  tableName: string,
): Promise<ListCost> => {
  const restoreEnv = applyEnv({
    ...stackEnv,
    PRODUCTS_TABLE_NAME: tableName,
    CURSOR_SIGNING_KEY: randomBytes(32).toString('hex'),
  });
  const pages: ListPageCost[] = [];
  try {
    const { documentClient } = await import('@bbws/core');
    const { handler } = await import('../list-products/src/handler');
    let current: Omit<ListPageCost, 'returned' | 'read'> = { query: '', page: 0 };
    documentClient().middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'QueryCommand') return next(args);
        Object.assign(args.input as object, { ReturnConsumedCapacity: 'TOTAL' });
        const result = await next(args);
        const output = result.output as QueryOutput;
        pages.push({
          ...current,
          returned: output.Count ?? 0,
          read: output.ScannedCount ?? 0,
          ...(output.ConsumedCapacity?.CapacityUnits === undefined
            ? {}
            : { capacityUnits: output.ConsumedCapacity.CapacityUnits }),
        });
        return result;
      },
      { step: 'initialize', name: 'benchQueryCost' },
    );
    for (const { query, parameters } of LISTINGS) {
      let cursor: string | null = null;
      for (let page = 1; page <= MAX_PAGES && (page === 1 || cursor); page += 1) {
        current = { query, page };
        const event = apiGatewayEvent({
          method: 'GET',
          resource: '/v1.0/products',
          path: '/v1.0/products',
          query: cursor ? { ...parameters, cursor } : parameters,
        });
        const response = await handler(event as never, {} as Context);
        cursor = (JSON.parse(response.body) as { nextCursor: string | null }).nextCursor;
      }
    }
  } finally {
    restoreEnv();
  }
  const itemsRead = pages.reduce((sum, page) => sum + page.read, 0);
  const itemsReturned = pages.reduce((sum, page) => sum + page.returned, 0);
  return { pages, itemsRead, itemsReturned, readPerReturned: Number((itemsRead / itemsReturned).toFixed(3)) };
};
