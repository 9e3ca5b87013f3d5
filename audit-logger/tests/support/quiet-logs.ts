import { applyEnv } from '@bbws/testing';

// Import first in integration tests: core's logger reads its level when @bbws/core is first imported, and
// the failures these tests provoke on purpose would otherwise bury jest's report.
const restoreEnv = applyEnv({ POWERTOOLS_LOG_LEVEL: 'SILENT' });

afterAll(restoreEnv);
