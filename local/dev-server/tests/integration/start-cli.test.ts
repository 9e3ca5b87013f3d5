import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

// `npm start` itself, in its own process. Only the runs that stop before anything starts: a full start
// writes .local/stack.json and .local/logs, which belong to the developer's own `npm start`.
const BIN = path.resolve(__dirname, '../../bin/start.ts');

const npmStart = async (...args: string[]) => {
  const child = spawn(process.execPath, ['--import', 'tsx', BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
};

describe('npm start', () => {
  it('prints its options with --help', async () => {
    const { code, output } = await npmStart('--help');

    expect(code).toBe(0);
    expect(output).toContain('Usage: npm start -- [options]');
    expect(output).toContain('--changes-port N');
  }, 30_000);

  it.each([
    [['--port', '70000'], '--port must be a port number, not 70000'],
    [['--changes-port', 'x'], '--changes-port must be a port number, not x'],
    [['--drain-timeout', 'soon'], '--drain-timeout must be seconds, not soon'],
  ])(
    'refuses %j before starting anything',
    async (args, message) => {
      const { code, output } = await npmStart(...args, '--no-package');

      expect(code).toBe(1);
      expect(output.trim()).toBe(message);
    },
    30_000,
  );
});
