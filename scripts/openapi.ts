// Writes docs/openapi.json from the core schemas (npm run openapi). A test fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '@bbws/core';

const target = join(__dirname, '..', 'docs', 'openapi.json');
writeFileSync(target, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`Wrote ${target}`);
