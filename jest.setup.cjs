// Functions log every refused request at INFO; in tests that is noise. JEST_LOGS=1 shows them.
if (!process.env.JEST_LOGS) process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
// EMF metric lines go straight to stdout (not through console); tests that check them turn them back on.
if (!process.env.JEST_LOGS) process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
// The `stage` dimension of the functions' metrics (each packaged template sets STAGE).
process.env.STAGE ??= 'test';
