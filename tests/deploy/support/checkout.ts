import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../../templates/support/templates';

/**
 * A fresh checkout of this working tree in a temporary folder: the files a clone would hold (tracked ones,
 * plus new ones not yet committed, none that git ignores: no `.serverless/`, so no compose state and no
 * packaged output). Installing would take minutes, so `node_modules` links to this checkout's packages,
 * except the workspace packages (`@bbws/*`), which link to the copy's own folders as `npm install` would.
 */
export const freshCheckout = (label: string): string => {
  const copy = mkdtempSync(join(tmpdir(), `bbws-${label}-`));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file && existsSync(join(repoRoot, file)));
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(copy, file));
  }
  const modules = join(repoRoot, 'node_modules');
  mkdirSync(join(copy, 'node_modules', '@bbws'), { recursive: true });
  for (const entry of readdirSync(modules)) {
    if (entry !== '@bbws') symlinkSync(join(modules, entry), join(copy, 'node_modules', entry));
  }
  for (const workspace of readdirSync(join(modules, '@bbws'))) {
    symlinkSync(join(copy, workspace), join(copy, 'node_modules', '@bbws', workspace));
  }
  return copy;
};
