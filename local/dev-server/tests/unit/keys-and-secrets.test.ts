import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrCreateApiKey, matchesApiKey } from '../../src/api-keys';
import { assertNoDynamicReference, localSecrets } from '../../src/secrets';
import { extractBundle } from '../../src/bundles';
import { strToU8, zipSync } from 'fflate';

const temporaryFile = (name: string) => path.join(mkdtempSync(path.join(tmpdir(), 'system-')), name);

describe('loadOrCreateApiKey', () => {
  it('generates a key into the file on first start and reuses it afterwards', () => {
    const file = temporaryFile('outputs/api-keys-local.txt');
    const first = loadOrCreateApiKey('local', file);
    const second = loadOrCreateApiKey('local', file);

    expect(readFileSync(file, 'utf8')).toBe(`API_KEY_LOCAL=${first.value}\n`);
    expect(second).toEqual(first);
    expect(first.value).toMatch(/^[A-Za-z0-9]{40}$/);
  });

  it('keeps other stages’ lines in the file', () => {
    const file = temporaryFile('api-keys.txt');
    writeFileSync(file, 'API_KEY_DEV=abc');
    const key = loadOrCreateApiKey('local', file);

    expect(readFileSync(file, 'utf8')).toBe(`API_KEY_DEV=abc\nAPI_KEY_LOCAL=${key.value}\n`);
  });

  it('accepts the key and nothing else', () => {
    const key = loadOrCreateApiKey('local');
    expect([key.value, `${key.value}x`, '', undefined].map((given) => matchesApiKey(key, given))).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('localSecrets', () => {
  const reference =
    '{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-1:000000000000:secret:app/key:SecretString:signingKey}}';
  const template = {
    Resources: {
      Key: {
        Type: 'AWS::SecretsManager::Secret',
        Properties: { Name: 'app/key', GenerateSecretString: { PasswordLength: 12 } },
      },
    },
  };

  it('resolves a Secrets Manager reference to a value of the template’s length, the same each time', () => {
    const secrets = localSecrets(template);
    const value = secrets.resolve(reference);

    expect(value).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(secrets.resolve(`prefix-${reference}`)).toBe(`prefix-${value}`);
  });

  it('keeps the values in the file across restarts when given one', () => {
    const file = temporaryFile('secrets.json');
    expect(localSecrets(template, file).resolve(reference)).toBe(
      localSecrets(template, file).resolve(reference),
    );
  });

  it('refuses a dynamic reference it has no stand-in for', () => {
    expect(() => assertNoDynamicReference('X', '{{resolve:ssm:/a/b}}')).toThrow(/cannot resolve/);
  });
});

describe('extractBundle', () => {
  const zipOf = (files: Record<string, string>) => {
    const file = temporaryFile('bundle.zip');
    const entries = Object.entries(files).map(([name, text]) => [name, strToU8(text)] as const);
    writeFileSync(file, zipSync(Object.fromEntries(entries), { level: 6 }));
    return file;
  };

  it('extracts deflated and stored entries into the bundle folder', () => {
    const bundlesDir = path.dirname(temporaryFile('bundles'));
    const artifact = zipOf({ 'src/handler.js': 'exports.handler = 1;', README: 'plain' });

    const directory = extractBundle(artifact, bundlesDir, 'get-product');

    expect(readFileSync(path.join(directory, 'src/handler.js'), 'utf8')).toBe('exports.handler = 1;');
    expect(readFileSync(path.join(directory, 'README'), 'utf8')).toBe('plain');
  });

  it('refuses an entry that would land outside the bundle folder', () => {
    const bundlesDir = path.dirname(temporaryFile('bundles'));
    const artifact = zipOf({ '../escaped.js': 'no' });

    expect(() => extractBundle(artifact, bundlesDir, 'get-product')).toThrow(/escapes the folder/);
  });
});
