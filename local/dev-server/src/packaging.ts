import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { ResolvedOptions } from './options';

/**
 * Packages what npm start serves with scripts/package-all.mjs, its progress lines to `log`: the stale
 * services (`if-stale`, the script says which and why), every service (`always`), or none (`never`).
 */
export const packageForLocal = async ({ root, packaging, log }: ResolvedOptions): Promise<void> => {
  if (packaging === 'never') return;
  const flags = packaging === 'if-stale' ? ['--if-stale'] : [];
  const script = path.join(root, 'scripts/package-all.mjs');
  const child = spawn(process.execPath, [script, ...flags], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => chunk.toString().trim().split('\n').forEach(log));
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`Packaging failed (exit code ${code}):\n${errors.trim()}`);
};
