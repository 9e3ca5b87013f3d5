import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { extractZip } from './zip';

const STAMP = '.extracted-from';

/**
 * Extracts a packaged bundle into `bundlesDir/<name>` once per version of the zip (size and mtime),
 * and returns the folder.
 */
export const extractBundle = (artifact: string, bundlesDir: string, name: string): string => {
  const directory = path.join(bundlesDir, name);
  const { size, mtimeMs } = statSync(artifact);
  const stamp = `${artifact} ${size} ${mtimeMs}`;
  const stampFile = path.join(directory, STAMP);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return directory;
  rmSync(directory, { recursive: true, force: true });
  extractZip(artifact, directory);
  writeFileSync(stampFile, stamp);
  return directory;
};
