#!/usr/bin/env node
// Lints the OpenAPI document with Redocly's rules (redocly.yaml), through @redocly/openapi-core's documented
// `lint` API rather than the Redocly CLI, which prints a Node 20 end-of-life notice on every run.
// Usage: node scripts/lint-openapi.mjs [file]   (docs/openapi.json by default)
// Fails on any problem, warnings included, as ESLint does here with --max-warnings 0.
import { lint, loadConfig } from '@redocly/openapi-core';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = process.argv[2] ?? join(root, 'docs', 'openapi.json');
const config = await loadConfig({ configPath: join(root, 'redocly.yaml') });
const problems = await lint({ ref: file, config });
const name = relative(process.cwd(), file);
for (const { severity, ruleId, message, location } of problems) {
  console.error(`${name} ${location[0]?.pointer ?? ''}: ${severity} ${ruleId}: ${message}`);
}
if (problems.length > 0) {
  console.error(`${problems.length} OpenAPI problems in ${name} (rules: redocly.yaml).`);
  process.exit(1);
}
console.log(`${name}: no OpenAPI problems (rules: redocly.yaml).`);
