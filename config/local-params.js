'use strict';

// `params.local` of every function service: the stand-ins of config/local-params.yml, plus one for the
// API Gateway resource of each operation's path (config/http-routes.js), named as the local stack's
// template names nothing: `local-products` for productsResourceId, `local-product` for productResourceId.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');
const { contracts, resourceParamOf } = require('./http-routes');

const kebabCase = (camel) => camel.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

const routeResources = Object.fromEntries(
  Object.values(contracts).map(({ path: route }) => {
    const param = resourceParamOf(route);
    return [param, `local-${kebabCase(param.replace(/ResourceId$/, ''))}`];
  }),
);

module.exports = {
  ...yaml.load(readFileSync(path.join(__dirname, 'local-params.yml'), 'utf8')),
  ...routeResources,
};
