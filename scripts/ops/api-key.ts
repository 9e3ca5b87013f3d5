// npm run api-key -- --stage dev [--region eu-west-1]
// Reads the stage's API key from Secrets Manager and writes infrastructure/outputs/api-keys-<stage>.txt
// (API_KEY_<STAGE>=...; git-ignored, readable by the owner only).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { OperatorError, readApiKey, runCommand, type Target } from './aws';

export const apiKeyFile = (stage: string): string =>
  join(__dirname, '..', '..', 'infrastructure', 'outputs', `api-keys-${stage}.txt`);

export const writeApiKeyFile = async (target: Target): Promise<string> => {
  const apiKey = await readApiKey(target);
  const file = apiKeyFile(target.stage);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `API_KEY_${target.stage.toUpperCase()}=${apiKey}\n`, { mode: 0o600 });
  return file;
};

if (require.main === module) {
  runCommand(async () => {
    const { values } = parseArgs({
      options: {
        stage: { type: 'string' },
        region: { type: 'string', default: process.env.AWS_REGION ?? 'eu-west-1' },
      },
    });
    if (!values.stage)
      throw new OperatorError('usage: npm run api-key -- --stage <dev|sit|prod> [--region R]');
    console.log(`Wrote ${await writeApiKeyFile({ stage: values.stage, region: values.region })}`);
  });
}
