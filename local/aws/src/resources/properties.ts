import type { ProvisionInput } from './handler';

/** The name a property gives, or the one CloudFormation would generate from stack and logical id. */
export const physicalName = (input: ProvisionInput, property: string): string => {
  const given = input.properties[property];
  if (given === undefined) return `${input.stackName}-${input.logicalId}`;
  if (typeof given !== 'string') throw new Error(`${input.logicalId}.${property} must be a string`);
  return given;
};

const attributeValue = (value: unknown): string =>
  typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);

/** The named properties that are present, as the string attributes SQS and SNS APIs take. */
export const stringAttributes = (
  properties: Record<string, unknown>,
  names: readonly string[],
): Record<string, string> =>
  Object.fromEntries(
    names
      .filter((name) => properties[name] !== undefined)
      .map((name) => [name, attributeValue(properties[name])]),
  );

/** The named properties that are present, unchanged (for APIs whose input matches the template). */
export const pickProperties = (
  properties: Record<string, unknown>,
  names: readonly string[],
): Record<string, unknown> =>
  Object.fromEntries(
    names.filter((name) => properties[name] !== undefined).map((name) => [name, properties[name]]),
  );

export const isAwsError = (error: unknown, ...names: string[]): boolean =>
  error instanceof Error && names.includes(error.name);
