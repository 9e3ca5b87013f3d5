import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrCreateApiKey, matchesApiKey } from '../../../src/system/api-keys';
import { assertNoDynamicReference, localSecrets } from '../../../src/system/secrets';
import { readZip } from '../../../src/system/zip';
import { deflateRawSync } from 'node:zlib';

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

describe('readZip', () => {
  it('reads deflated and stored entries and skips folders', () => {
    const entries = [
      { name: 'src/', data: Buffer.alloc(0), method: 0 },
      { name: 'src/handler.js', data: Buffer.from('exports.handler = 1;'), method: 8 },
      { name: 'README', data: Buffer.from('plain'), method: 0 },
    ];
    const locals: Buffer[] = [];
    const directory: Buffer[] = [];
    let offset = 0;
    for (const { name, data, method } of entries) {
      const content = method === 8 ? deflateRawSync(data) : data;
      const header = Buffer.alloc(30);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(name.length, 26);
      const local = Buffer.concat([header, Buffer.from(name), content]);
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(method, 10);
      central.writeUInt32LE(content.length, 20);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt32LE(offset, 42);
      directory.push(central, Buffer.from(name));
      locals.push(local);
      offset += local.length;
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(offset, 16);

    const read = readZip(Buffer.concat([...locals, ...directory, end]));

    expect(read.map(({ name, content }) => [name, content.toString()])).toEqual([
      ['src/handler.js', 'exports.handler = 1;'],
      ['README', 'plain'],
    ]);
  });
});
