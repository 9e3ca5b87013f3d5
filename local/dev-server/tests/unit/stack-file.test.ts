import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readStackFile, writeStackFile } from '../../src/stack-file';

const STACK = {
  url: 'http://127.0.0.1:3000',
  apiKey: 'key',
  stage: 'local',
  backend: 'embedded',
  region: 'eu-west-1',
  env: { AWS_REGION: 'eu-west-1' },
  resources: { ProductsTable: { name: 'products-local' } },
};

describe('the stack file (.local/stack.json)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'stack-file-'));
    file = path.join(dir, '.local', 'stack.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is read back as written while its process runs, and removed by what writing it returns', () => {
    const remove = writeStackFile(file, STACK);

    expect(readStackFile(file)).toMatchObject({ ...STACK, pid: process.pid });
    remove();
    expect(() => readStackFile(file)).toThrow(
      `No running stack (${file} is missing): start one with npm start`,
    );
  });

  it('is refused once its process has exited (npm start killed rather than stopped)', () => {
    writeStackFile(file, STACK);
    // A pid above Linux's pid_max (4194304) names no process.
    writeFileSync(file, JSON.stringify({ ...STACK, pid: 4_194_305 }));

    expect(() => readStackFile(file)).toThrow(
      `No running stack (process 4194305 of ${file} has exited): start one with npm start`,
    );
  });
});
