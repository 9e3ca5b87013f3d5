// Prints `export NAME=value` lines that point the AWS SDK (and serverless invoke local) at the stack
// `npm start` is running, read from .local/stack.json.
// Usage: eval "$(npm run -s local:env)"
import { join } from 'node:path';
import { readStackFile } from '@bbws/dev-server';

const stack = (() => {
  try {
    return readStackFile(join(__dirname, '..', '.local', 'stack.json'));
  } catch (error) {
    // Said once, without a stack trace: this runs inside eval "$(...)".
    console.error(error instanceof Error ? error.message : error);
    return process.exit(1);
  }
})();
const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
// The functions deploy on nodejs24.x: the SDK's notice about an older local Node is noise in invoke local.
const env = {
  ...stack.env,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  // invoke local runs the bundle inside the serverless process: source maps must be on when it starts, so
  // stack traces name the TypeScript sources. (The deployed functions set their own NODE_OPTIONS.)
  NODE_OPTIONS: '--enable-source-maps',
  LOCAL_API_URL: stack.url,
  LOCAL_API_KEY: stack.apiKey,
};
for (const [name, value] of Object.entries(env)) console.log(`export ${name}=${quote(value)}`);
