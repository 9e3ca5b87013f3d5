// Functions log every refused request at INFO; in tests that is noise. JEST_LOGS=1 shows them.
if (!process.env.JEST_LOGS) process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
// EMF metric lines go straight to stdout (not through console); tests that check them turn them back on.
if (!process.env.JEST_LOGS) process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
// The `stage` dimension of the functions' metrics (each packaged template sets STAGE).
process.env.STAGE ??= 'test';
// The functions run on nodejs24.x when deployed (npm start sets the same), so for every test file here:
// the AWS SDK's warning about an older local Node would repeat once per file.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Outside Lambda there is no runtime global for the invoke store to join; the one it would create is
// soft-deleted by jest after each file, and a late callback reading it made jest print a deprecation warning.
process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA ??= '1';
