'use strict';

// The `http` event of every HTTP function, derived from its operation's contract (core/src/contracts):
// `events: [{ http: ${file(../config/http-routes.js):<operationId>} }]` in its serverless.yml. The
// contracts are TypeScript; osls runs this file in plain Node, so they are loaded through tsx's public
// `require` API, once per packaging. A test runner that compiles TypeScript itself (jest) loads them as is.
const path = require('node:path');
const { require: tsxRequire } = require('tsx/cjs/api');

const CONTRACTS = path.join(__dirname, '..', 'core', 'src', 'contracts', 'index.ts');

const loadContracts = () => {
  try {
    return tsxRequire(CONTRACTS, path.join(__dirname, 'http-routes.js')).contracts;
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    return require(CONTRACTS).contracts;
  }
};

const contracts = loadContracts();

/** The `{name}`s of a path template, in order. */
const pathParameterNames = (template) => [...template.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);

/**
 * The name of the param (an infrastructure Output, camel-cased) that holds the API Gateway resource of a
 * path: `/v1.0/products` is productsResourceId, `/v1.0/products/{productId}` productResourceId (one of the
 * collection), `/v1.0/products/{productId}/history` productHistoryResourceId.
 */
const resourceParamOf = (template) => {
  const words = [];
  for (const segment of template.split('/').filter(Boolean).slice(1)) {
    const parameter = /^\{(\w+)Id\}$/.exec(segment);
    if (parameter) words.splice(-1, 1, parameter[1]);
    else words.push(segment);
  }
  const name = words
    .map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1)))
    .join('');
  return `${name}ResourceId`;
};

/** The serverless `http` event of a contract: its method and path, behind the API key. */
const httpEvent = ({ method, path: template }) => {
  const parameters = pathParameterNames(template);
  return {
    path: template.slice(1),
    method: method.toLowerCase(),
    private: true,
    ...(parameters.length > 0
      ? { request: { parameters: { paths: Object.fromEntries(parameters.map((name) => [name, true])) } } }
      : {}),
  };
};

/** `provider.apiGateway` of an HTTP service: the shared REST API and the resource its route hangs on. */
const apiGatewayOf = ({ path: template }) => ({
  restApiId: '${param:restApiId}',
  restApiRootResourceId: '${param:restApiRootResourceId}',
  restApiResources: { [template.slice(1)]: `\${param:${resourceParamOf(template)}}` },
});

module.exports = Object.fromEntries(
  Object.entries(contracts).map(([operationId, contract]) => [operationId, httpEvent(contract)]),
);
module.exports.contracts = contracts;
module.exports.apiGatewayOf = apiGatewayOf;
module.exports.resourceParamOf = resourceParamOf;
