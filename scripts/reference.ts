// Builds the interactive API reference (Swagger UI, from the swagger-ui-dist package) for docs/openapi.json
// as static files a stage can publish: npm run reference [-- --out DIR] (default dist/reference).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { referenceSite } from '@bbws/dev-server';

const root = path.resolve(__dirname, '..');
const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist/reference' } } });
const outDir = path.resolve(root, values.out ?? 'dist/reference');
const document = JSON.parse(readFileSync(path.join(root, 'docs', 'openapi.json'), 'utf8')) as object;

mkdirSync(outDir, { recursive: true });
for (const [name, file] of referenceSite(document)) writeFileSync(path.join(outDir, name), file.body);
console.log(`Wrote ${path.relative(root, outDir)}/index.html (open it, or publish the folder)`);
