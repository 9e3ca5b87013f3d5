import {
  functionServiceNames,
  isXrayGrant,
  loadTemplate,
  referencedIds,
  resourcesOfType,
} from './support/templates';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const statementsOf = (role: { Properties?: Record<string, unknown> }): Statement[] =>
  ((role.Properties?.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
    (policy) => policy.PolicyDocument.Statement,
  );

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

const isLogsOnly = (statement: Statement) =>
  asList(statement.Action).every((action) => action.startsWith('logs:'));

/** S3 object ARNs name a key prefix with a trailing `/*`; that is a scope, not a wildcard grant. */
const isObjectPrefix = (resource: unknown) =>
  typeof resource === 'string' && /^arn:aws:s3:::[\w.-]+\/[\w/-]+\/\*$/.test(resource);

describe.each(functionServiceNames)('IAM of the %s service', (service) => {
  const template = loadTemplate(service);
  const functions = resourcesOfType(template, 'AWS::Lambda::Function');
  const roles = resourcesOfType(template, 'AWS::IAM::Role');

  it('gives each function a role of its own and leaves no unused role', () => {
    const roleOfFunction = functions.map(([, fn]) => [...referencedIds(fn.Properties?.Role)][0]);
    expect(new Set(roleOfFunction).size).toBe(functions.length);
    expect(roles.map(([id]) => id).sort()).toEqual([...roleOfFunction].sort());
  });

  it('sends traces to X-Ray with the two actions tracing needs, once per role', () => {
    for (const [, role] of roles) expect(statementsOf(role).filter(isXrayGrant)).toHaveLength(1);
  });

  it('grants no wildcard action and no wildcard resource beyond CloudWatch Logs and X-Ray', () => {
    for (const statement of roles.flatMap(([, role]) => statementsOf(role))) {
      if (isXrayGrant(statement)) continue;
      expect(asList(statement.Action).filter((action) => action.includes('*'))).toEqual([]);
      if (isLogsOnly(statement)) continue;
      for (const resource of asList(statement.Resource)) {
        expect(resource).not.toBe('*');
        if (typeof resource === 'string' && resource.includes('*'))
          expect(isObjectPrefix(resource)).toBe(true);
      }
    }
  });

  it('names exact resources in its non-log statements', () => {
    const resources = roles
      .flatMap(([, role]) => statementsOf(role))
      .filter((statement) => !isLogsOnly(statement) && !isXrayGrant(statement))
      .flatMap((statement) => asList(statement.Resource));
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) expect(resource).toMatch(/^arn:aws:(dynamodb|sns|sqs|s3):/);
  });
});
