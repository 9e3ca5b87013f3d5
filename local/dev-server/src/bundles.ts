import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';

const STAMP = '.extracted-from';

/** Extracts a zip file into `directory`, refusing entries that would land outside it. */
const extractZip = (zipPath: string, directory: string): void => {
  const root = path.resolve(directory);
  for (const [name, content] of Object.entries(unzipSync(readFileSync(zipPath)))) {
    const target = path.resolve(root, name);
    if (!target.startsWith(root + path.sep)) throw new Error(`${zipPath}: entry ${name} escapes the folder`);
    if (name.endsWith('/')) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
};

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
