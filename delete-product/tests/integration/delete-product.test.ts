import '../../../create-product/tests/support/env';
import type { HttpResponse } from '@bbws/core';
import { apiGatewayEvent } from '@bbws/dev-server';
import { invoke } from '../../../create-product/tests/support/http';
import { useLocalProductApi } from '../../../create-product/tests/support/local-api';
import { deletedProduct, storedProduct } from '../../../create-product/tests/support/products';

const localApi = useLocalProductApi();

const deleteProduct = async (
  productId: string,
  headers: Record<string, string> = {},
): Promise<HttpResponse> => {
  const { handler } = await import('../../src/handler');
  return invoke(
    handler,
    apiGatewayEvent({
      method: 'DELETE',
      resource: '/v1.0/products/{productId}',
      path: `/v1.0/products/${productId}`,
      pathParameters: { productId },
      headers,
    }),
  );
};

describe('DELETE /v1.0/products/{productId} against the embedded AWS stack', () => {
  it('delivers a DELETE event with the If-Match version and no product to both consumer queues', async () => {
    const { productId } = await localApi.seed(storedProduct({ version: 2 }));

    const response = await deleteProduct(productId, { 'If-Match': '"1", "2"' });

    const deliveries = await localApi.takeAllDeliveries();
    expect(response.statusCode).toBe(204);
    for (const queued of Object.values(deliveries)) {
      expect(queued).toEqual([
        { eventType: 'DELETE', changeEvent: expect.objectContaining({ productId, expectedVersion: 2 }) },
      ]);
      expect(queued[0]?.changeEvent).not.toHaveProperty('product');
    }
  });

  it('returns 404 for a product that is already soft-deleted and enqueues nothing', async () => {
    const { productId } = await localApi.seed(deletedProduct());

    const response = await deleteProduct(productId);

    expect(response.statusCode).toBe(404);
    expect(await localApi.takeAllDeliveries()).toEqual({ ProductChangeQueue: [], ProductAuditQueue: [] });
  });

  it('returns 412 when the stored version differs from If-Match and enqueues nothing', async () => {
    const { productId } = await localApi.seed(storedProduct({ version: 7 }));

    const response = await deleteProduct(productId, { 'If-Match': '"6"' });

    expect(response.statusCode).toBe(412);
    expect(await localApi.takeAllDeliveries()).toEqual({ ProductChangeQueue: [], ProductAuditQueue: [] });
  });
});
