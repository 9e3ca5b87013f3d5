// What the first ajv compile costs in a fresh process, with and without ajv checking the schema against
// its meta-schema first (validateSchema), using core's ajv settings and product input schema.
// Usage: node bench/ajv-compile-cost.mjs [runs]   (each run a fresh process)
import { execFileSync } from 'node:child_process';

const probe = `
const { performance } = require('node:perf_hooks');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;
const validateSchema = process.argv[1] === 'true';
const ajv = new Ajv2020({ strict: true, allErrors: true, multipleOfPrecision: 4, validateSchema });
addFormats(ajv, ['date-time', 'uri', 'uuid']);
const started = performance.now();
ajv.compile({
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\\\S' },
    price: { type: 'number', minimum: 0, maximum: 1e9, multipleOf: 0.01 },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    imageUrl: { type: 'string', format: 'uri', pattern: '^https://[^\\\\s/?#]+', maxLength: 2048 },
  },
  required: ['name', 'price', 'currency'],
  additionalProperties: false,
});
process.stdout.write(String(performance.now() - started));`;

const runs = Number(process.argv[2] ?? 9);
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const validateSchema of ['true', 'false']) {
  const times = Array.from({ length: runs }, () =>
    Number(execFileSync(process.execPath, ['-e', probe, validateSchema], { encoding: 'utf8' })),
  );
  console.log(
    `validateSchema ${validateSchema}: first compile ${median(times).toFixed(1)} ms (median of ${runs})`,
  );
}
