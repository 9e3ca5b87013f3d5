import '../../../create-product/tests/support/env';
import type { HttpResponse } from '@bbws/core';
import { apiGatewayEvent } from '@bbws/dev-server';
import { invoke } from '../../../create-product/tests/support/http';
import { useLocalProductApi } from '../../../create-product/tests/support/local-api';
import { productInputWith, storedProduct } from '../../../create-product/tests/support/products';

const localApi = useLocalProductApi();
const replacement = productInputWith({ price: 29.99, description: 'Now with a heat-proof handle' });

const putProduct = async (productId: string, headers: Record<string, string> = {}): Promise<HttpResponse> => {
  const { handler } = await import('../../src/handler');
  return invoke(
    handler,
    apiGatewayEvent({
      method: 'PUT',
      resource: '/v1.0/products/{productId}',
      path: `/v1.0/products/${productId}`,
      pathParameters: { productId },
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(replacement),
    }),
  );
};

describe('PUT /v1.0/products/{productId} against the embedded AWS stack', () => {
  it('delivers the UPDATE event with the If-Match version to both consumer queues', async () => {
    const { productId } = await localApi.seed(storedProduct({ version: 3 }));

    const response = await putProduct(productId, { 'If-Match': '"3"' });

    const deliveries = await localApi.takeAllDeliveries();
    expect(response.statusCode).toBe(202);
    for (const queued of Object.values(deliveries)) {
      expect(queued).toEqual([
        {
          eventType: 'UPDATE',
          changeEvent: expect.objectContaining({ productId, expectedVersion: 3, product: replacement }),
        },
      ]);
    }
  });

  it('delivers an UPDATE event without expectedVersion when no If-Match is given', async () => {
    const { productId } = await localApi.seed(storedProduct());

    await putProduct(productId);

    const { ProductChangeQueue } = await localApi.takeAllDeliveries();
    expect(ProductChangeQueue).toHaveLength(1);
    expect(ProductChangeQueue[0]?.changeEvent).not.toHaveProperty('expectedVersion');
  });

  it('returns 404 for a product the table does not hold and enqueues nothing', async () => {
    const response = await putProduct(storedProduct().productId);

    expect(response.statusCode).toBe(404);
    expect(await localApi.takeAllDeliveries()).toEqual({ ProductChangeQueue: [], ProductAuditQueue: [] });
  });

  it('returns 412 when the stored version differs from If-Match and enqueues nothing', async () => {
    const { productId } = await localApi.seed(storedProduct({ version: 4 }));

    const response = await putProduct(productId, { 'If-Match': '"3"' });

    expect(response.statusCode).toBe(412);
    expect(await localApi.takeAllDeliveries()).toEqual({ ProductChangeQueue: [], ProductAuditQueue: [] });
  });
});
