// Imported first by each unit test: the handler module reads its configuration when it loads.
export const TABLE_NAME = 'products-unit';
export const CURSOR_SIGNING_KEY = 'unit-test-cursor-signing-key-0123456789';

process.env.PRODUCTS_TABLE_NAME = TABLE_NAME;
process.env.CURSOR_SIGNING_KEY = CURSOR_SIGNING_KEY;
process.env.AWS_REGION = 'eu-west-1';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
