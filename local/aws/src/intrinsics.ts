import { isRecord } from './template';

/** What Ref and Fn::GetAtt return for a resource that exists locally. */
export interface ResourceIdentity {
  ref: string;
  attributes: Record<string, string>;
}

export interface ResolveContext {
  accountId: string;
  region: string;
  partition: string;
  stackName: string;
  parameters: Record<string, unknown>;
  conditions: Record<string, boolean>;
  resources: Record<string, ResourceIdentity>;
  /** Why each resource that is not created locally was skipped, for a clear error if one is referenced. */
  skipped: Record<string, string>;
}

/** AWS::NoValue: the property or list element is removed. */
const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

const list = (argument: unknown, name: string): unknown[] => {
  if (!Array.isArray(argument)) throw new Error(`${name} takes a list`);
  return argument;
};

// `Name.Attribute`, as Fn::GetAtt's short form and Fn::Sub write it; an attribute name may hold dots.
const splitDotted = (name: string): [string, string] => [
  name.slice(0, name.indexOf('.')),
  name.slice(name.indexOf('.') + 1),
];

const subArguments = (argument: unknown): unknown[] => (Array.isArray(argument) ? argument : [argument, {}]);

const pseudoParameters = (context: ResolveContext): Record<string, unknown> => {
  const { accountId, region, partition, stackName } = context;
  return {
    'AWS::AccountId': accountId,
    'AWS::Region': region,
    'AWS::Partition': partition,
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': stackName,
    'AWS::StackId': `arn:${partition}:cloudformation:${region}:${accountId}:stack/${stackName}/local`,
    'AWS::NotificationARNs': [],
    'AWS::NoValue': NO_VALUE,
  };
};

const resourceNamed = (name: string, context: ResolveContext): ResourceIdentity => {
  const resource = context.resources[name];
  if (resource) return resource;
  const reason = context.skipped[name];
  throw new Error(
    reason === undefined
      ? `Cannot resolve ${name}: it is not a parameter, a pseudo parameter or a resource created locally`
      : `Cannot resolve ${name}: the resource is not created locally (${reason})`,
  );
};

const resolveRef = (name: string, context: ResolveContext): unknown =>
  pseudoParameters(context)[name] ??
  (name in context.parameters ? context.parameters[name] : resourceNamed(name, context).ref);

const getAtt = (logicalId: string, attribute: string, context: ResolveContext): string => {
  const { attributes } = resourceNamed(logicalId, context);
  const value = attributes[attribute];
  if (value !== undefined) return value;
  const known = Object.keys(attributes).join(', ');
  throw new Error(`${logicalId} has no attribute ${attribute} locally (it has: ${known})`);
};

const SUB_VARIABLE = /\$\{([^}]+)\}/g;

const intrinsics: Record<string, (argument: unknown, context: ResolveContext) => unknown> = {
  Ref: (argument, context) => resolveRef(String(argument), context),
  'Fn::GetAtt': (argument, context) => {
    const [logicalId, attribute] =
      typeof argument === 'string' ? splitDotted(argument) : (argument as unknown[]);
    return getAtt(String(logicalId), String(resolveValue(attribute, context)), context);
  },
  'Fn::Sub': (argument, context) => {
    const [template, variables] = subArguments(argument);
    const values = resolveValue(variables, context) as Record<string, unknown>;
    return String(template).replace(SUB_VARIABLE, (_match, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      if (name in values) return String(values[name]);
      if (name.indexOf('.') > 0) return getAtt(...splitDotted(name), context);
      return String(resolveRef(name, context));
    });
  },
  'Fn::Join': (argument, context) => {
    const [delimiter, values] = list(argument, 'Fn::Join');
    return (resolveValue(values, context) as unknown[]).map(String).join(String(delimiter));
  },
  'Fn::Select': (argument, context) => {
    const [index, values] = list(argument, 'Fn::Select');
    return (resolveValue(values, context) as unknown[])[Number(resolveValue(index, context))];
  },
  'Fn::If': (argument, context) => {
    const [condition, whenTrue, whenFalse] = list(argument, 'Fn::If');
    const value = context.conditions[String(condition)];
    if (value === undefined) throw new Error(`Fn::If names an unknown condition ${String(condition)}`);
    return resolveValue(value ? whenTrue : whenFalse, context);
  },
};

/** Resolves the intrinsic functions in a template value (Ref, GetAtt, Sub, Join, Select, If). */
export const resolveValue = (value: unknown, context: ResolveContext): unknown => {
  if (Array.isArray(value)) {
    return value.map((item) => resolveValue(item, context)).filter((item) => item !== NO_VALUE);
  }
  if (!isRecord(value)) return value;
  const [key, ...others] = Object.keys(value);
  if (key !== undefined && others.length === 0) {
    const intrinsic = intrinsics[key];
    if (intrinsic) return intrinsic(value[key], context);
    if (key.startsWith('Fn::')) throw new Error(`${key} is not supported by the local provisioner`);
  }
  const entries = Object.entries(value).map(([name, item]) => [name, resolveValue(item, context)]);
  return Object.fromEntries(entries.filter(([, item]) => item !== NO_VALUE));
};

const subReferences = (argument: unknown): string[] => {
  const [template, variables] = subArguments(argument);
  const local = isRecord(variables) ? Object.keys(variables) : [];
  return [...String(template).matchAll(SUB_VARIABLE)]
    .map(([, name = '']) => name.split('.')[0] ?? '')
    .filter((name) => !name.startsWith('!') && !local.includes(name));
};

const directReferences = (key: string, argument: unknown): string[] => {
  if (key === 'Ref') return [String(argument)];
  if (key === 'Fn::Sub') return subReferences(argument);
  if (key !== 'Fn::GetAtt') return [];
  const [logicalId] = typeof argument === 'string' ? argument.split('.') : (argument as unknown[]);
  return [String(logicalId)];
};

/** Every name a value refers to through Ref, Fn::GetAtt or Fn::Sub, pseudo parameters excluded. */
export const referencedNames = (value: unknown): Set<string> => {
  const names: string[] = [];
  const visit = (item: unknown): void => {
    if (Array.isArray(item)) item.forEach(visit);
    if (!isRecord(item)) return;
    for (const [key, argument] of Object.entries(item)) {
      names.push(...directReferences(key, argument));
      visit(argument);
    }
  };
  visit(value);
  return new Set(names.filter((name) => !name.includes('::')));
};

/**
 * Evaluates a template's Conditions against parameter values, as CloudFormation does at deploy time.
 * Conditions may only use parameters, pseudo parameters and other conditions, never resources.
 */
export const evaluateConditions = (
  definitions: Record<string, unknown>,
  context: Omit<ResolveContext, 'conditions' | 'resources' | 'skipped'>,
): Record<string, boolean> => {
  const results: Record<string, boolean> = {};
  const valueContext: ResolveContext = { ...context, conditions: results, resources: {}, skipped: {} };
  const inProgress = new Set<string>();
  const evaluateNamed = (name: string): boolean => {
    const known = results[name];
    if (known !== undefined) return known;
    if (!(name in definitions)) throw new Error(`Unknown condition ${name}`);
    if (inProgress.has(name)) throw new Error(`Condition ${name} refers to itself`);
    inProgress.add(name);
    return (results[name] = evaluate(definitions[name]));
  };
  const functions: Record<string, (argument: unknown) => boolean> = {
    'Fn::Equals': (argument) => {
      const [left, right] = list(argument, 'Fn::Equals').map((value) => resolveValue(value, valueContext));
      return JSON.stringify(left) === JSON.stringify(right) || String(left) === String(right);
    },
    'Fn::Not': (argument) => !evaluate(list(argument, 'Fn::Not')[0]),
    'Fn::And': (argument) => list(argument, 'Fn::And').every(evaluate),
    'Fn::Or': (argument) => list(argument, 'Fn::Or').some(evaluate),
    Condition: (argument) => evaluateNamed(String(argument)),
  };
  const evaluate = (expression: unknown): boolean => {
    const [name = '', argument] = Object.entries(expression ?? {})[0] ?? [];
    const condition = functions[name];
    if (!condition) throw new Error(`Unsupported condition expression ${JSON.stringify(expression)}`);
    return condition(argument);
  };
  Object.keys(definitions).forEach(evaluateNamed);
  return results;
};
