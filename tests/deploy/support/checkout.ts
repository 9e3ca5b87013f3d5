import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../../templates/support/templates';

/**
 * A fresh checkout of this working tree in a temporary folder: the files a clone would hold (tracked ones,
 * plus new ones not yet committed, none that git ignores: no `.serverless/`, so no compose state and no
 * packaged output). Installing would take minutes, so `node_modules` links to this checkout's packages,
 * except the workspace packages (`@bbws/*`), which link to the copy's own folders as `npm install` would.
 */
const checkouts: string[] = [];

export const freshCheckout = (label: string): string => {
  const copy = mkdtempSync(join(tmpdir(), `bbws-${label}-`));
  checkouts.push(copy);
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

/** Deletes every checkout freshCheckout made (their node_modules are links: the packages stay). */
export const removeCheckouts = (): void => {
  for (const copy of checkouts.splice(0)) rmSync(copy, { recursive: true, force: true });
};
