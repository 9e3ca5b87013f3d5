import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { apiKeyFile, writeApiKeyFile } from '../../scripts/ops/api-key';
import { OperatorError, stackOutputs } from '../../scripts/ops/aws';

const secrets = mockClient(SecretsManagerClient);
const cloudFormation = mockClient(CloudFormationClient);
const target = { stage: 'unittest', region: 'eu-west-1' };

beforeEach(() => {
  secrets.reset();
  cloudFormation.reset();
});
afterAll(() => rmSync(apiKeyFile('unittest'), { force: true }));

describe('npm run api-key', () => {
  it('writes the key from the stage secret to a file only its owner can read', async () => {
    secrets
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ apiKey: 'k3y-value-from-secrets' }) });

    const file = await writeApiKeyFile(target);

    expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, {
      SecretId: 'bbws/product-api/key-unittest',
    });
    expect(readFileSync(file, 'utf8')).toBe('API_KEY_UNITTEST=k3y-value-from-secrets\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('says which secret holds no key', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: '{}' });

    await expect(writeApiKeyFile(target)).rejects.toThrow(
      new OperatorError('Secret bbws/product-api/key-unittest holds no apiKey field'),
    );
  });

  it('says which secret it could not read, and why', async () => {
    secrets.on(GetSecretValueCommand).rejects(new Error('AccessDeniedException'));

    await expect(writeApiKeyFile(target)).rejects.toThrow(
      /Cannot read secret bbws\/product-api\/key-unittest in eu-west-1: AccessDeniedException/,
    );
  });
});

describe('stackOutputs', () => {
  it('reads the Outputs of the stage infrastructure stack by name', async () => {
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'x',
          CreationTime: new Date(),
          StackStatus: 'CREATE_COMPLETE',
          Outputs: [{ OutputKey: 'ApiUrl', OutputValue: 'https://api' }],
        },
      ],
    });

    await expect(stackOutputs(target)).resolves.toEqual({ ApiUrl: 'https://api' });
    expect(cloudFormation).toHaveReceivedCommandWith(DescribeStacksCommand, {
      StackName: 'bbws-product-infrastructure-unittest',
    });
  });
});
