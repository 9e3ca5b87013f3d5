import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export interface Target {
  stage: string;
  region: string;
}

/** A failure to report to the operator as one readable line, without a stack trace. */
export class OperatorError extends Error {}

export const infrastructureStackName = (stage: string): string => `bbws-product-infrastructure-${stage}`;

export const apiKeySecretName = (stage: string): string => `bbws/product-api/key-${stage}`;

/** The Outputs of the stage's infrastructure stack, by name. */
export const stackOutputs = async ({ stage, region }: Target): Promise<Record<string, string>> => {
  const stackName = infrastructureStackName(stage);
  const cloudFormation = new CloudFormationClient({ region });
  const { Stacks } = await cloudFormation
    .send(new DescribeStacksCommand({ StackName: stackName }))
    .catch((error) => {
      throw new OperatorError(`Cannot read stack ${stackName} in ${region}: ${(error as Error).message}`);
    });
  const outputs = Stacks?.[0]?.Outputs ?? [];
  return Object.fromEntries(
    outputs.map(({ OutputKey, OutputValue }) => [OutputKey ?? '', OutputValue ?? '']),
  );
};

/** The API key value that Secrets Manager generated for the stage. */
export const readApiKey = async ({ stage, region }: Target): Promise<string> => {
  const secretId = apiKeySecretName(stage);
  const secrets = new SecretsManagerClient({ region });
  const { SecretString } = await secrets
    .send(new GetSecretValueCommand({ SecretId: secretId }))
    .catch((error) => {
      throw new OperatorError(`Cannot read secret ${secretId} in ${region}: ${(error as Error).message}`);
    });
  const apiKey: unknown = SecretString
    ? (JSON.parse(SecretString) as { apiKey?: unknown }).apiKey
    : undefined;
  if (typeof apiKey !== 'string' || apiKey.length === 0) {
    throw new OperatorError(`Secret ${secretId} holds no apiKey field`);
  }
  return apiKey;
};

/** Runs an operator command: prints an OperatorError as one line and exits 1, anything else with its stack. */
export const runCommand = (main: () => Promise<void>): void => {
  main().catch((error: unknown) => {
    console.error(error instanceof OperatorError ? `error: ${error.message}` : error);
    process.exit(1);
  });
};
