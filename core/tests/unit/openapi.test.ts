import { contracts } from '../../src/contracts';
import { openApiDocument } from '../../src/openapi';
import { errorBodySchema } from '../../src/schemas/error-body';
import { productInputSchema, productSchema } from '../../src/schemas/product';
import { listProductsQuerySchema } from '../../src/schemas/requests';

const document = openApiDocument();
const operations = Object.values(document.paths).flatMap((path) =>
  Object.entries(path).filter(([method]) => ['get', 'post', 'put', 'delete'].includes(method)),
) as [string, { responses: Record<string, unknown> }][];

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and requires the x-api-key header everywhere', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.security).toEqual([{ apiKey: [] }]);
    expect(document.components.securitySchemes.apiKey).toEqual({
      type: 'apiKey',
      in: 'header',
      name: 'x-api-key',
    });
  });

  it('uses the very schema objects the functions validate with', () => {
    expect(document.components.schemas.ProductInput).toBe(productInputSchema);
    expect(document.components.schemas.Product).toBe(productSchema);
    expect(document.components.schemas.ErrorBody).toBe(errorBodySchema);
  });

  it('documents every list query parameter from its schema', () => {
    const names = document.paths['/v1.0/products'].get.parameters.map((parameter) => parameter.name);
    expect(names).toEqual(Object.keys(listProductsQuerySchema.properties));
  });

  it('documents 403, 500 and the error body on every operation', () => {
    expect(operations).toHaveLength(Object.keys(contracts).length);
    for (const [, operation] of operations) {
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['403', '429', '500', '503']));
    }
  });

  it('documents the conditional and size failures where they can happen', () => {
    const { put, delete: remove } = document.paths['/v1.0/products/{productId}'];
    expect(Object.keys(put.responses)).toEqual(expect.arrayContaining(['202', '404', '412', '413', '415']));
    expect(Object.keys(remove.responses)).toEqual(expect.arrayContaining(['204', '404', '412']));
  });
});
