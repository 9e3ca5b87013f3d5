import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The committed OpenAPI document (npm run openapi), pointed at the local endpoint; undefined if absent. */
export const openApiDocumentFor = (root: string): object | undefined => {
  const file = path.join(root, 'docs', 'openapi.json');
  if (!existsSync(file)) return undefined;
  const document = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return { ...document, servers: [{ url: '/', description: 'This local stack (npm start)' }] };
};
