import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const guard = join(__dirname, '..', 'deploy', 'support', 'loopback-only.cjs');

const runGuarded = (script: string) => {
  const log = join(mkdtempSync(join(tmpdir(), 'guard-')), 'refused.log');
  writeFileSync(log, '');
  const run = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, NODE_OPTIONS: `--require ${guard}`, LOOPBACK_GUARD_LOG: log },
    encoding: 'utf8',
  });
  return { stdout: run.stdout.trim(), refused: readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) };
};

describe('the deploy-path test’s loopback guard', () => {
  it('refuses and records connections beyond loopback, however they are opened, before any packet leaves', () => {
    const { stdout, refused } = runGuarded(`
      const net = require('node:net');
      for (const open of [() => net.connect(9, '192.0.2.1'), () => net.createConnection({ port: 9, host: '192.0.2.2' })]) {
        try { open(); } catch (error) { console.log('refused'); }
      }`);

    expect(stdout).toBe('refused\nrefused');
    expect(refused).toEqual(['192.0.2.1:9', '192.0.2.2:9']);
  });

  it('lets loopback connections through', () => {
    const { stdout, refused } = runGuarded(`
      const socket = require('node:net').connect(9, '127.0.0.1');
      socket.on('error', (error) => console.log(error.code));`);

    expect(stdout).toBe('ECONNREFUSED');
    expect(refused).toEqual([]);
  });
});
