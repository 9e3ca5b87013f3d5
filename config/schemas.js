'use strict';

// Serverless variable source for API Gateway request models: `${file(../config/schemas.js):productInput}`
// yields the JSON Schema that core/ defines, so the gateway and the Lambda validator share one definition.
const { buildSync } = require('esbuild');
const Module = require('node:module');
const path = require('node:path');

const loadProductSchemas = () => {
  const [bundle] = buildSync({
    entryPoints: [path.join(__dirname, '..', 'core', 'src', 'schemas', 'product.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
  }).outputFiles;
  const schemas = new Module('core-product-schemas');
  schemas._compile(bundle.text, 'core-product-schemas.js');
  return schemas.exports;
};

// API Gateway validates request models with JSON Schema draft 4; the product schema uses only its keywords.
module.exports.productInput = () => ({
  $schema: 'http://json-schema.org/draft-04/schema#',
  ...loadProductSchemas().productInputSchema,
});
