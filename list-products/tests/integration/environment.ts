// Imported first: the logger reads its level when core loads; the handler reads the rest when imported.
export const CURSOR_SIGNING_KEY = 'integration-test-cursor-signing-key-0123';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
