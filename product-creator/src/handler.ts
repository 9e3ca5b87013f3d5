import { documentClient, requireEnv, sqsBatchHandler } from '@bbws/core';
import { productChangeApplier } from './apply-change';

const productsTableName = requireEnv('PRODUCTS_TABLE_NAME');

export const applyChange = productChangeApplier({ tableName: productsTableName, client: documentClient() });

export const handler = sqsBatchHandler(applyChange);
