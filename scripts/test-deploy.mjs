#!/usr/bin/env node
// npm run test:deploy — the deploy paths without AWS: packages nothing itself; runs tests/deploy, which
// deploys through compose and from the service folders into moto_server on loopback and removes it all.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const imagePath = '/root/.pyenv/versions/3.11.7/bin/moto_server';
const onPath = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' }).stdout.trim();
if (!onPath && !existsSync(imagePath)) {
  console.log(
    'moto_server is not installed here: the deploy-path test did not run (pip install "moto[server]").',
  );
  process.exit(0);
}
const jest = spawnSync(
  'npx',
  ['jest', '-c', 'jest.deploy.config.mjs', '--runInBand', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(jest.status ?? 1);
