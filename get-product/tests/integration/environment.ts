// Imported first: the logger reads its level when core loads.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
