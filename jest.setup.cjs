// Functions log every refused request at INFO; in tests that is noise. JEST_LOGS=1 shows them.
if (!process.env.JEST_LOGS) process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
