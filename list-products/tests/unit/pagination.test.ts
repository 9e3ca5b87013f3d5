import { CURSOR_SIGNING_KEY, TABLE_NAME } from './environment';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { nameIndexKey, priceIndexKeys, productItem, productKey } from '@bbws/core';
import { withAlteredSignature } from '@bbws/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../src/handler';
import { productLister } from '../../src/list-products';
import { aProduct, errorOf, fieldsOf, lambdaContext, listRequest, pageOf } from '../fixtures';

const dynamodb = mockClient(DynamoDBDocumentClient);

const list = (query?: Record<string, string>) => handler(listRequest(query), lambdaContext);

const lastLamp = aProduct({ price: 19.99 });
const priceIndexKey = { ...productKey(lastLamp.productId), ...priceIndexKeys(lastLamp) };
const nameKey = { ...productKey(lastLamp.productId), ...nameIndexKey(lastLamp.name) };

/** The nextCursor of a page of `query` that DynamoDB ends at `lastEvaluatedKey`. */
const cursorAfter = async (query: Record<string, string>, lastEvaluatedKey: Record<string, string>) => {
  dynamodb
    .on(QueryCommand)
    .resolvesOnce({ Items: [productItem(lastLamp)], LastEvaluatedKey: lastEvaluatedKey });
  const { nextCursor } = pageOf(await list(query));
  if (nextCursor === null) throw new Error('expected a nextCursor');
  dynamodb.resetHistory();
  return nextCursor;
};

const exclusiveStartKeyOf = (callIndex = 0) =>
  dynamodb.commandCalls(QueryCommand)[callIndex]?.args[0].input.ExclusiveStartKey;

const payloadOf = (cursor: string) => cursor.split('.')[1] ?? '';

beforeEach(() => {
  dynamodb.reset();
  dynamodb.on(QueryCommand).resolves({ Items: [] });
});

describe('GET /v1.0/products pagination', () => {
  it('returns an opaque nextCursor when DynamoDB has more items', async () => {
    const nextCursor = await cursorAfter({ limit: '1' }, priceIndexKey);

    expect(nextCursor).toMatch(/^c1\.[\w-]+\.[\w-]+$/u);
    expect(nextCursor).not.toContain(lastLamp.productId);
  });

  it('returns a null nextCursor on the last page', async () => {
    dynamodb.on(QueryCommand).resolves({ Items: [productItem(lastLamp)] });

    const response = await list({ limit: '1' });

    expect(pageOf(response).nextCursor).toBeNull();
  });

  it('starts the next page after the last key of the previous one', async () => {
    const cursor = await cursorAfter({ limit: '1' }, priceIndexKey);

    const response = await list({ limit: '1', cursor });

    expect(response.statusCode).toBe(200);
    expect(dynamodb).toHaveReceivedCommandWith(QueryCommand, { ExclusiveStartKey: priceIndexKey, Limit: 1 });
  });

  it('continues a name lookup from its cursor', async () => {
    const cursor = await cursorAfter({ name: 'Desk lamp' }, nameKey);

    const response = await list({ name: 'Desk lamp', cursor });

    expect(response.statusCode).toBe(200);
    expect(exclusiveStartKeyOf()).toEqual(nameKey);
  });

  it('lets the page size change between pages', async () => {
    const cursor = await cursorAfter({ limit: '1' }, priceIndexKey);

    const response = await list({ limit: '50', cursor });

    expect(response.statusCode).toBe(200);
    expect(exclusiveStartKeyOf()).toEqual(priceIndexKey);
  });

  it('continues from a cursor issued before the table module was split out, so a deploy keeps pages open', async () => {
    // Issued by 81f77c6 for the default listing with the unit tests' signing key.
    const issuedBefore =
      'c1.eyJQSyI6IlBST0RVQ1QjMGI2ZjVhM2UtN2MxZC00YThlLTlmMmItM2M0ZDVlNmY3YThiIiwiU0siOiJNRVRBREFUQSIsIkdTSTFfUEsiOiJQUk9EVUNUUyIsIkdTSTFfU0siOiIwMDAwMDAwMDE5OTkjMGI2ZjVhM2UtN2MxZC00YThlLTlmMmItM2M0ZDVlNmY3YThiIn0.8NTjVJz2mD2v-F80-Ux-iMqVeuqFrXSHY318xDXTTS8';
    const productId = '0b6f5a3e-7c1d-4a8e-9f2b-3c4d5e6f7a8b';

    const response = await list({ cursor: issuedBefore });

    expect(response.statusCode).toBe(200);
    expect(exclusiveStartKeyOf()).toEqual({
      ...productKey(productId),
      ...priceIndexKeys({ productId, price: 19.99 }),
    });
  });

  it.each([
    ['the default sort', {}, { sort: 'price_asc' }],
    ['no minPrice', { maxPrice: '30' }, { minPrice: '0', maxPrice: '30' }],
    ['a price with and without decimals', { minPrice: '10' }, { minPrice: '10.00' }],
    ['a name in another case and spacing', { name: 'Desk lamp' }, { name: ' DESK  lamp' }],
  ])('accepts a cursor for the same query spelled differently: %s', async (_, first, next) => {
    const key = 'name' in first ? nameKey : priceIndexKey;
    const cursor = await cursorAfter(first, key);

    const response = await list({ ...next, cursor });

    expect(response.statusCode).toBe(200);
    expect(exclusiveStartKeyOf()).toEqual(key);
  });

  it.each([
    ['descending order', { sort: 'price_desc' }],
    ['another price range', { minPrice: '5' }],
    ['a name lookup', { name: 'Desk lamp' }],
  ])('answers 400 INVALID_CURSOR for a cursor of the price listing used with %s', async (_, query) => {
    const cursor = await cursorAfter({}, priceIndexKey);

    const response = await list({ ...query, cursor });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('INVALID_CURSOR');
    expect(fieldsOf(response)).toEqual(['cursor']);
    expect(dynamodb).not.toHaveReceivedCommand(QueryCommand);
  });

  it('answers 400 INVALID_CURSOR for a cursor of one name used for another', async () => {
    const cursor = await cursorAfter({ name: 'Desk lamp' }, nameKey);

    const response = await list({ name: 'Floor lamp', cursor });

    expect(errorOf(response).code).toBe('INVALID_CURSOR');
  });

  it.each([['not-a-cursor'], ['c1.e30.AAAA'], ['c1..'], ['c2.e30.AAAA'], ['c1.e30.AAAA.extra']])(
    'answers 400 INVALID_CURSOR naming cursor for the malformed cursor %j',
    async (cursor) => {
      const response = await list({ cursor });

      expect(response.statusCode).toBe(400);
      expect(errorOf(response).code).toBe('INVALID_CURSOR');
      expect(fieldsOf(response)).toEqual(['cursor']);
      expect(dynamodb).not.toHaveReceivedCommand(QueryCommand);
    },
  );

  it('answers 400 INVALID_CURSOR for a cursor whose key was changed', async () => {
    const cursor = await cursorAfter({}, priceIndexKey);
    const otherKey = { ...priceIndexKey, GSI1_SK: priceIndexKey.GSI1_SK.replace(/^\d+/u, '000000000001') };
    const forgedPayload = Buffer.from(JSON.stringify(otherKey)).toString('base64url');

    const response = await list({ cursor: cursor.replace(payloadOf(cursor), forgedPayload) });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('INVALID_CURSOR');
    expect(dynamodb).not.toHaveReceivedCommand(QueryCommand);
  });

  it('answers 400 INVALID_CURSOR for a cursor whose signature was changed', async () => {
    const cursor = await cursorAfter({}, priceIndexKey);

    const response = await list({ cursor: withAlteredSignature(cursor) });

    expect(errorOf(response).code).toBe('INVALID_CURSOR');
  });

  it('answers 400 INVALID_CURSOR for a cursor signed with another key', async () => {
    dynamodb.on(QueryCommand).resolvesOnce({ Items: [], LastEvaluatedKey: priceIndexKey });
    const otherStage = productLister(TABLE_NAME, `another-stage-${CURSOR_SIGNING_KEY}`);
    const { nextCursor } = await otherStage({});

    const response = await list({ cursor: String(nextCursor) });

    expect(errorOf(response).code).toBe('INVALID_CURSOR');
  });

  it('answers 400 naming cursor for a cursor longer than any this API issues', async () => {
    const response = await list({ cursor: `c1.${'A'.repeat(4096)}.AAAA` });

    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['cursor']);
  });
});
