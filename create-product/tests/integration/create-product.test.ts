import '../support/env';
import { apiGatewayEvent } from '@bbws/dev-server';
import type { HttpResponse } from '@bbws/core';
import { invoke } from '../support/http';
import { useLocalProductApi } from '../support/local-api';
import { productInputWith, validProductInput } from '../support/products';

const localApi = useLocalProductApi();

const postProduct = async (body: unknown, headers: Record<string, string> = {}): Promise<HttpResponse> => {
  const { handler } = await import('../../src/handler');
  return invoke(
    handler,
    apiGatewayEvent({
      method: 'POST',
      resource: '/v1.0/products',
      path: '/v1.0/products',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
      apiKeyId: 'integration-key',
    }),
  );
};

describe('POST /v1.0/products against the embedded AWS stack', () => {
  it('delivers the CREATE event to both the change queue and the audit queue with its eventType', async () => {
    const response = await postProduct(validProductInput);

    const { productId } = JSON.parse(response.body) as { productId: string };
    const deliveries = await localApi.takeAllDeliveries();
    expect(response.statusCode).toBe(202);
    for (const queued of Object.values(deliveries)) {
      expect(queued).toEqual([
        {
          eventType: 'CREATE',
          changeEvent: expect.objectContaining({
            eventType: 'CREATE',
            productId,
            product: validProductInput,
          }),
        },
      ]);
    }
  });

  it('delivers the same productId for a retried POST with the same Idempotency-Key', async () => {
    const headers = { 'Idempotency-Key': 'integration-order-1' };

    const first = await postProduct(validProductInput, headers);
    const retry = await postProduct(validProductInput, headers);

    const { ProductChangeQueue } = await localApi.takeAllDeliveries();
    const productIds = ProductChangeQueue.map(({ changeEvent }) => changeEvent.productId);
    expect(retry.body).toBe(first.body);
    expect(new Set(productIds).size).toBe(1);
    expect(productIds).toHaveLength(2);
  });

  it('leaves both queues empty when the product is refused', async () => {
    const response = await postProduct(productInputWith({ price: -1 }));

    expect(response.statusCode).toBe(400);
    expect(await localApi.takeAllDeliveries()).toEqual({ ProductChangeQueue: [], ProductAuditQueue: [] });
  });
});
