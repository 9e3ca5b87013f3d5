import { randomUUID } from 'node:crypto';
import { sampleProductInput } from '@bbws/testing';
import type { apiClient } from './http';
import { eventually } from './http';

export interface Product {
  productId: string;
  name: string;
  price: number;
  currency: string;
  version: number;
  active: boolean;
  [field: string]: unknown;
}

export interface ProductPage {
  items: Product[];
  nextCursor: string | null;
}

type Api = ReturnType<typeof apiClient>;

/**
 * A valid product body with every field of the product input schema; names carry a random suffix so runs
 * against a shared backend do not collide.
 */
export const productInput = (overrides: Record<string, unknown> = {}) => ({
  ...sampleProductInput({
    name: `E2E Moka Pot ${randomUUID().slice(0, 8)}`,
    description: 'Stovetop espresso maker',
    price: 29.5,
    currency: 'EUR',
    category: 'kitchen',
    sku: `MOKA-${randomUUID().slice(0, 8)}`,
  }),
  ...overrides,
});

/** POSTs a product and returns its id once the 202 has been received. */
export const createProduct = async (
  api: Api,
  input: Record<string, unknown>,
  headers?: Record<string, string>,
) => {
  const response = await api<{ productId: string; status: string }>('/v1.0/products', {
    method: 'POST',
    body: input,
    headers,
  });
  if (response.status !== 202)
    throw new Error(`POST answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.productId;
};

/** Polls GET until the product is visible with at least `version` (1: created). */
export const visibleProduct = (api: Api, productId: string, version = 1) =>
  eventually(`product ${productId} at version ${version}`, async () => {
    const response = await api<Product>(`/v1.0/products/${productId}`);
    return response.status === 200 && response.body.version >= version ? response : undefined;
  });

/** Creates a product, waits until it is visible, then PUTs a new price: the update's response and the id. */
export const createdThenUpdated = async (api: Api) => {
  const productId = await createProduct(api, productInput());
  await visibleProduct(api, productId);
  const update = await api(`/v1.0/products/${productId}`, {
    method: 'PUT',
    body: productInput({ price: 27 }),
  });
  return { productId, update };
};

/** Polls GET until the product is gone (404). */
export const goneProduct = (api: Api, productId: string) =>
  eventually(`product ${productId} to be deleted`, async () => {
    const response = await api(`/v1.0/products/${productId}`);
    return response.status === 404 ? response : undefined;
  });

/** Every page of a listing, following nextCursor. */
export const allPages = async (api: Api, query: string): Promise<ProductPage[]> => {
  const pages: ProductPage[] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const response = await api<ProductPage>(`/v1.0/products?${query}${suffix}`);
    if (response.status !== 200)
      throw new Error(`listing answered ${response.status}: ${JSON.stringify(response.body)}`);
    pages.push(response.body);
    cursor = response.body.nextCursor;
  } while (cursor !== null);
  return pages;
};
