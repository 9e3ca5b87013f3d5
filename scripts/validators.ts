// Writes core/src/validators/generated/ from the core schemas: the precompiled validators every function,
// the local system and the tests run. Run it after changing a schema (npm test says when it is due).
// Usage: npm run validators
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generatedValidatorFiles } from '../core/src/validators/compile';

const directory = path.join(__dirname, '..', 'core', 'src', 'validators', 'generated');
mkdirSync(directory, { recursive: true });
for (const [file, contents] of Object.entries(generatedValidatorFiles())) {
  writeFileSync(path.join(directory, file), contents);
  console.log(`Wrote ${path.relative(process.cwd(), path.join(directory, file))}`);
}
