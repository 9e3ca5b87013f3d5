import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CloudFormationTemplate } from '@bbws/local-aws';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random string as Secrets Manager's GenerateSecretString makes it with ExcludePunctuation. */
export const randomSecret = (length: number): string =>
  Array.from({ length }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');

// {{resolve:secretsmanager:secret-id:SecretString:json-key:version-stage:version-id}}
const SECRET_REFERENCE = /\{\{resolve:secretsmanager:(.+?)(?::SecretString(?::([^:}]*))?(?::[^}]*)?)?\}\}/g;

type SecretValues = Record<string, Record<string, string>>;

const passwordLength = (template: CloudFormationTemplate, name: string): number => {
  const secret = Object.values(template.Resources).find(
    ({ Type, Properties }) => Type === 'AWS::SecretsManager::Secret' && Properties?.Name === name,
  );
  const generate = secret?.Properties?.GenerateSecretString as { PasswordLength?: number } | undefined;
  return generate?.PasswordLength ?? 32;
};

export interface LocalSecrets {
  /** Replaces every Secrets Manager dynamic reference in `value` by the local secret's value. */
  resolve(value: string): string;
}

/**
 * Local stand-ins for Secrets Manager secrets: generated on first use (length from the template's
 * GenerateSecretString), random per stack, and kept in `file` when one is given (--persist).
 */
export const localSecrets = (template: CloudFormationTemplate, file?: string): LocalSecrets => {
  const values: SecretValues =
    file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SecretValues) : {};
  const valueOf = (secretId: string, jsonKey = ''): string => {
    const name = secretId.replace(/^arn:[^:]+:secretsmanager:[^:]+:\d+:secret:/, '');
    const secret = (values[name] ??= {});
    if (secret[jsonKey] === undefined) {
      secret[jsonKey] = randomSecret(passwordLength(template, name));
      if (file) {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, JSON.stringify(values, null, 2));
      }
    }
    return secret[jsonKey];
  };
  return {
    resolve: (value) =>
      value.replace(SECRET_REFERENCE, (_reference, secretId: string, jsonKey?: string) =>
        valueOf(secretId, jsonKey),
      ),
  };
};

/** Throws on a dynamic reference no local stand-in exists for (SSM parameters and the like). */
export const assertNoDynamicReference = (name: string, value: string): string => {
  if (value.includes('{{resolve:'))
    throw new Error(`${name} holds a dynamic reference the local stack cannot resolve: ${value}`);
  return value;
};
