// Writes every service's events/*.json (the samples `serverless invoke local --path` runs, which the tests
// read too) from core's schemas through @bbws/testing. Run it after changing a schema (a test says when).
// Usage: npm run events
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sampleEventFiles } from '@bbws/testing';

const root = path.join(__dirname, '..');
for (const [file, contents] of Object.entries(sampleEventFiles())) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), contents);
  console.log(`Wrote ${file}`);
}
