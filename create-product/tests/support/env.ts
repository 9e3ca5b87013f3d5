import { applyEnv } from '@bbws/testing';

// Import this module first in every test file: handlers read their configuration at module scope, and
// core's logger its level when core loads. Integration tests point the table and topic elsewhere later.

export const TEST_TOPIC_ARN = 'arn:aws:sns:eu-west-1:000000000000:bbws-product-events-test';
export const TEST_TABLE_NAME = 'products-test';

const restoreEnv = applyEnv({
  AWS_REGION: 'eu-west-1',
  PRODUCTS_TABLE_NAME: TEST_TABLE_NAME,
  PRODUCT_EVENTS_TOPIC_ARN: TEST_TOPIC_ARN,
  // Core's logger is covered by core's tests; here its lines would only bury jest's report.
  POWERTOOLS_LOG_LEVEL: 'SILENT',
});

afterAll(restoreEnv);
