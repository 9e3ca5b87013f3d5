'use strict';

// `provider` and `custom` of every function service: `${file(../config/function-service.js):provider}`.
// They differ between services only by what the service's name and kind say: a service whose function
// is an operation of core/src/contracts is an HTTP service (API Gateway, CORS, a 6 s timeout), any other
// a queue consumer (30 s). The function of `bbws-<folder>` is the camel-cased folder name.
const { apiGatewayOf, contracts } = require('./http-routes');

const camelCase = (kebab) => kebab.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());

/** The service's folder name and its function's contract, if it is an HTTP operation. */
const serviceOf = async (resolveVariable) => {
  const component = String(await resolveVariable('self:service')).replace(/^bbws-/, '');
  const functionName = camelCase(component);
  return { component, functionName, contract: contracts[functionName] };
};

const provider = async ({ resolveVariable }) => {
  const { component, contract } = await serviceOf(resolveVariable);
  return {
    name: 'aws',
    runtime: 'nodejs24.x',
    architecture: 'arm64',
    stage: "${opt:stage, 'dev'}",
    region: "${opt:region, 'eu-west-1'}",
    // 512 MB: Lambda's CPU share grows with memory, and init + SDK call dominate the latency.
    memorySize: 512,
    // HTTP: well under API Gateway's 29 s, so a stuck dependency surfaces as our own error, not a gateway
    // 504. Consumers: a batch is at most a few seconds of SDK calls; 30 s leaves room for retries with
    // backoff. The queues' visibility timeout in infrastructure/ is six times this (checked by tests/templates).
    timeout: contract ? 6 : 30,
    logRetentionInDays: 90,
    stackTags: { Project: 'bbws-product-api', Component: component, Environment: '${sls:stage}' },
    ...(contract ? { apiGateway: apiGatewayOf(contract) } : {}),
    // X-Ray on every invocation; the SDK calls show up through Powertools Tracer (core/src/observability).
    tracing: { lambda: true },
    // What every function reads; each serverless.yml adds its own under its function's `environment`.
    environment: {
      POWERTOOLS_SERVICE_NAME: component,
      // Browser origins allowed by the stage (config/cors.yml), for the HTTP functions' CORS headers.
      ...(contract ? { CORS_ALLOWED_ORIGINS: '${param:corsAllowedOrigins}' } : {}),
      // The `stage` dimension of the metrics (docs/monitoring.md).
      STAGE: '${sls:stage}',
      // The stage's tracingEnabled (an infrastructure Output): false on `local`, where no X-Ray daemon listens.
      POWERTOOLS_TRACE_ENABLED: '${param:tracingEnabled}',
    },
  };
};

const custom = async ({ resolveVariable }) => {
  const { functionName } = await serviceOf(resolveVariable);
  return {
    // The function's CloudFormation logical id, which the error-rate alarm (config/error-rate-alarm.yml) names.
    function: { logicalId: `${functionName[0].toUpperCase()}${functionName.slice(1)}LambdaFunction` },
    esbuild: '${file(../config/esbuild.yml)}',
    alerts: '${file(../config/alerts.yml)}',
  };
};

module.exports = { provider, custom };
