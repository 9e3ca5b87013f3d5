import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../templates/support/templates';

export interface Run {
  code: number | null;
  output: string;
  seconds: number;
}

export interface Target {
  /** moto_server's endpoint: every AWS client of the run goes there. */
  endpoint: string;
  /** Where the loopback guard records refused connections. */
  guardLog: string;
}

/**
 * Runs `serverless <args>` in `cwd` (a checkout's root: the compose project; or a service folder),
 * loopback-only, against moto.
 */
export const serverless = (args: string[], { endpoint, guardLog }: Target, cwd = repoRoot): Promise<Run> =>
  new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(join(repoRoot, 'node_modules', '.bin', 'serverless'), args, {
      cwd,
      env: {
        ...process.env,
        AWS_ENDPOINT_URL: endpoint,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_REGION: 'eu-west-1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        SLS_TELEMETRY_DISABLED: '1',
        NODE_OPTIONS: `--require ${join(__dirname, 'loopback-only.cjs')}`,
        LOOPBACK_GUARD_LOG: guardLog,
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output, seconds: (Date.now() - started) / 1000 }));
  });
