import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { useLocalStack } from '@bbws/testing';

// Literal key attributes: this tests the table's key schema and indexes as the template declares them,
// not core's key design (which core's own tests cover).
const stack = useLocalStack();
let documents: DynamoDBDocumentClient;
let tableName: string;

beforeAll(() => {
  // No endpoint here: the client reaches dynalite through AWS_ENDPOINT_URL_DYNAMODB alone.
  documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  tableName = stack().resource('ProductsTable').name;
});

afterAll(() => documents.destroy());

interface ProductRow {
  PK: string;
  SK: string;
  name: string;
  GSI1_PK?: string;
  GSI1_SK?: string;
  GSI2_PK?: string;
}

const activeRow = (productId: string, priceKey: string, nameKey: string): ProductRow => ({
  PK: `PRODUCT#${productId}`,
  SK: 'METADATA',
  name: productId,
  GSI1_PK: 'PRODUCTS',
  GSI1_SK: `${priceKey}#${productId}`,
  GSI2_PK: `NAME#${nameKey}`,
});

const putRows = (...rows: ProductRow[]) =>
  Promise.all(rows.map((row) => documents.send(new PutCommand({ TableName: tableName, Item: row }))));

const queryNames = async (query: Omit<QueryCommandInput, 'TableName'>): Promise<unknown[]> => {
  const { Items = [] } = await documents.send(new QueryCommand({ TableName: tableName, ...query }));
  return Items.map((item) => item.name);
};

const byPrice = (lower: string, upper: string) => ({
  IndexName: 'ProductsByPriceIndex',
  KeyConditionExpression: 'GSI1_PK = :all AND GSI1_SK BETWEEN :lower AND :upper',
  ExpressionAttributeValues: { ':all': 'PRODUCTS', ':lower': lower, ':upper': upper },
});

const byName = (nameKey: string) => ({
  IndexName: 'ProductsByNameIndex',
  KeyConditionExpression: 'GSI2_PK = :name',
  ExpressionAttributeValues: { ':name': `NAME#${nameKey}` },
});

describe('products table provisioned from the template', () => {
  it('returns the items in a GSI1_SK range from ProductsByPriceIndex in key order', async () => {
    await putRows(
      activeRow('teapot', '000000003125', 'teapot'),
      activeRow('kettle', '000000003000', 'kettle'),
      activeRow('samovar', '000000040000', 'samovar'),
    );

    const names = await queryNames(byPrice('000000003000', '000000003500$'));

    expect(names).toEqual(['kettle', 'teapot']);
  });

  it('finds an item by its GSI2_PK in ProductsByNameIndex', async () => {
    await putRows(activeRow('grinder', '000000008900', 'burr coffee grinder'));

    const names = await queryNames(byName('burr coffee grinder'));

    expect(names).toEqual(['grinder']);
  });

  it('leaves an item without index keys out of both indexes', async () => {
    await putRows({ PK: 'PRODUCT#percolator', SK: 'METADATA', name: 'percolator' });

    const inPriceIndex = await queryNames(byPrice('000000000000', '999999999999$'));
    const inNameIndex = await queryNames(byName('percolator'));

    expect(inPriceIndex).not.toContain('percolator');
    expect(inNameIndex).toEqual([]);
  });
});
