// Imported first by each unit test: the handler module reads its configuration when it loads.
export const TABLE_NAME = 'products-unit';

process.env.PRODUCTS_TABLE_NAME = TABLE_NAME;
process.env.AWS_REGION = 'eu-west-1';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
