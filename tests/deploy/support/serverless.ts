import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../templates/support/templates';

export interface Run {
  code: number | null;
  output: string;
}

/** Runs `serverless <args>` at the repository root (the compose project), loopback-only, against `endpoint`. */
export const serverless = (args: string[], endpoint: string, guardLog: string): Promise<Run> =>
  new Promise((resolve) => {
    const child = spawn(join(repoRoot, 'node_modules', '.bin', 'serverless'), args, {
      cwd: repoRoot,
      env: {
        ...process.env,
        AWS_ENDPOINT_URL: endpoint,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_REGION: 'eu-west-1',
        SLS_TELEMETRY_DISABLED: '1',
        NODE_OPTIONS: `--require ${join(__dirname, 'loopback-only.cjs')}`,
        LOOPBACK_GUARD_LOG: guardLog,
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
