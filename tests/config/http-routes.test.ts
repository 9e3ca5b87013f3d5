import { join } from 'node:path';
import { contracts } from '@bbws/core';
import { repoRoot } from '../templates/support/templates';

interface HttpRoutes {
  [operationId: string]: unknown;
  resourceParamOf: (path: string) => string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const routes = require(join(repoRoot, 'config', 'http-routes.js')) as HttpRoutes;

describe('config/http-routes.js', () => {
  it.each([
    ['/v1.0/products', 'productsResourceId'],
    ['/v1.0/products/{productId}', 'productResourceId'],
    ['/v1.0/products/{productId}/history', 'productHistoryResourceId'],
    ['/v1.0/products/count', 'productsCountResourceId'],
  ])('names the resource param of %s %s', (path, param) => {
    expect(routes.resourceParamOf(path)).toBe(param);
  });

  it('gives every operation the http event of its contract, behind the API key', () => {
    expect(routes.getProduct).toEqual({
      path: 'v1.0/products/{productId}',
      method: 'get',
      private: true,
      request: { parameters: { paths: { productId: true } } },
    });
    expect(routes.createProduct).toEqual({ path: 'v1.0/products', method: 'post', private: true });
    for (const { operationId, method, path } of Object.values(contracts)) {
      expect(routes[operationId]).toMatchObject({ method: method.toLowerCase(), path: path.slice(1) });
    }
  });
});
