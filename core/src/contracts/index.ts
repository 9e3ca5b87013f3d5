import { createProductContract } from './create-product';
import { deleteProductContract } from './delete-product';
import { getProductContract } from './get-product';
import { listProductsContract } from './list-products';
import { updateProductContract } from './update-product';

export {
  pathParameterNames,
  withValidators,
  type RequestValidators,
  type ValidatedContract,
  type ErrorStatus,
  type HeaderDescription,
  type OperationContract,
  type SuccessResponse,
} from './contract';
export {
  etagHeader,
  idempotencyKeyHeader,
  ifMatchHeader,
  ifNoneMatchHeader,
  locationHeader,
} from './headers';

/**
 * Every HTTP operation of the API, by operationId, in the order the OpenAPI document lists them. A new
 * endpoint is a contract here plus its service folder (README, "Adding an endpoint").
 */
export const contracts = {
  listProducts: listProductsContract,
  createProduct: createProductContract,
  getProduct: getProductContract,
  updateProduct: updateProductContract,
  deleteProduct: deleteProductContract,
} as const;
