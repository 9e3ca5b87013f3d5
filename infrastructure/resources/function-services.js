'use strict';

// The functions of the compose project, as serverless names them (bbws-<service>-<stage>-<function>): every
// service of serverless-compose.yml but infrastructure, each with one function named after its folder in
// camelCase. Read by the dashboard (dashboard.js) and the saved queries (monitoring.yml), so a new
// service shows up in both without an edit here.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');

const compose = yaml.load(readFileSync(path.join(__dirname, '..', '..', 'serverless-compose.yml'), 'utf8'));

/** `[service, functionKey]` of every function service, in compose order. */
const functions = Object.keys(compose.services)
  .filter((service) => service !== 'infrastructure')
  .map((service) => [service, service.replace(/-(\w)/g, (_, letter) => letter.toUpperCase())]);

const logGroupNames = functions.map(([service, key]) => `/aws/lambda/bbws-${service}-\${sls:stage}-${key}`);

module.exports = {
  functions,
  // Saved queries (monitoring.yml): every function's log group, and for requests the access log first.
  functionLogGroups: logGroupNames,
  requestLogGroups: [{ Ref: 'ProductApiAccessLogGroup' }, ...logGroupNames],
};
