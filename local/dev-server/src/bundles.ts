import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';

const STAMP = '.extracted-from';

/**
 * Extracts a packaged bundle into `bundlesDir/<name>` once per version of the zip (size and mtime), refusing
 * entries that would land outside that folder, and returns the folder.
 */
export const extractBundle = (artifact: string, bundlesDir: string, name: string): string => {
  const directory = path.resolve(bundlesDir, name);
  const { size, mtimeMs } = statSync(artifact);
  const stamp = `${artifact} ${size} ${mtimeMs}`;
  const stampFile = path.join(directory, STAMP);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return directory;
  rmSync(directory, { recursive: true, force: true });
  for (const [entry, content] of Object.entries(unzipSync(readFileSync(artifact)))) {
    const target = path.resolve(directory, entry);
    if (!target.startsWith(directory + path.sep))
      throw new Error(`${artifact}: entry ${entry} escapes the folder`);
    if (entry.endsWith('/')) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  writeFileSync(stampFile, stamp);
  return directory;
};
