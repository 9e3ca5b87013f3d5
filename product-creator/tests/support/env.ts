import { applyEnv } from '@bbws/testing';

// Import this module before the handler module: the handler reads its configuration at module scope.

export const TEST_TABLE_NAME = 'products-test';

const restoreEnv = applyEnv({
  AWS_REGION: 'eu-west-1',
  PRODUCTS_TABLE_NAME: TEST_TABLE_NAME,
  // Core's logger is covered by core's tests; here its lines would only bury jest's report.
  POWERTOOLS_LOG_LEVEL: 'SILENT',
});

afterAll(restoreEnv);
