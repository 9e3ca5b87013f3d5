// What the first ajv compile costs in a fresh process, with and without ajv checking the schema against
// its meta-schema first (validateSchema), using core's ajv settings and core's product input schema (read
// from core/src through tsx here, then handed to each probe process as JSON, so the probe loads no tsx).
// Usage: node bench/ajv-compile-cost.mjs [runs]   (each run a fresh process)
import { execFileSync } from 'node:child_process';
import { tsImport } from 'tsx/esm/api';

const { productInputSchema } = await tsImport('../core/src/schemas/product.ts', import.meta.url);

const probe = `
const { performance } = require('node:perf_hooks');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;
const validateSchema = process.argv[1] === 'true';
const schema = JSON.parse(process.argv[2]);
const ajv = new Ajv2020({ strict: true, allErrors: true, multipleOfPrecision: 4, validateSchema });
addFormats(ajv, ['date-time', 'uri', 'uuid']);
const started = performance.now();
ajv.compile(schema);
process.stdout.write(String(performance.now() - started));`;

const runs = Number(process.argv[2] ?? 9);
const schemaJson = JSON.stringify(productInputSchema);
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const validateSchema of ['true', 'false']) {
  const times = Array.from({ length: runs }, () =>
    Number(execFileSync(process.execPath, ['-e', probe, validateSchema, schemaJson], { encoding: 'utf8' })),
  );
  console.log(
    `validateSchema ${validateSchema}: first compile ${median(times).toFixed(1)} ms (median of ${runs})`,
  );
}
