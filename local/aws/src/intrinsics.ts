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
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

type Intrinsic = (argument: unknown, context: ResolveContext) => unknown;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const pseudoParameter = (name: string, context: ResolveContext): unknown => {
  const { accountId, region, partition, stackName } = context;
  const values: Record<string, unknown> = {
    'AWS::AccountId': accountId,
    'AWS::Region': region,
    'AWS::Partition': partition,
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': stackName,
    'AWS::StackId': `arn:${partition}:cloudformation:${region}:${accountId}:stack/${stackName}/local`,
    'AWS::NotificationARNs': [],
    'AWS::NoValue': NO_VALUE,
  };
  return values[name];
};

const unresolved = (name: string, context: ResolveContext): Error => {
  const reason = context.skipped[name];
  return new Error(
    reason === undefined
      ? `Cannot resolve ${name}: it is not a parameter, a pseudo parameter or a resource created locally`
      : `Cannot resolve ${name}: the resource is not created locally (${reason})`,
  );
};

const resolveRef = (name: string, context: ResolveContext): unknown => {
  const pseudo = pseudoParameter(name, context);
  if (pseudo !== undefined) return pseudo;
  if (name in context.parameters) return context.parameters[name];
  const resource = context.resources[name];
  if (!resource) throw unresolved(name, context);
  return resource.ref;
};

const getAtt = (logicalId: string, attribute: string, context: ResolveContext): string => {
  const resource = context.resources[logicalId];
  if (!resource) throw unresolved(logicalId, context);
  const value = resource.attributes[attribute];
  if (value === undefined) {
    const known = Object.keys(resource.attributes).join(', ');
    throw new Error(`${logicalId} has no attribute ${attribute} locally (it has: ${known})`);
  }
  return value;
};

const splitGetAtt = (argument: unknown, context: ResolveContext): [string, string] => {
  const [logicalId, attribute] =
    typeof argument === 'string'
      ? [argument.slice(0, argument.indexOf('.')), argument.slice(argument.indexOf('.') + 1)]
      : (argument as unknown[]);
  return [String(logicalId), String(resolveValue(attribute, context))];
};

const SUB_VARIABLE = /\$\{([^}]+)\}/g;

const subVariable = (name: string, variables: Record<string, unknown>, context: ResolveContext): string => {
  if (name.startsWith('!')) return `\${${name.slice(1)}}`;
  if (name in variables) return String(variables[name]);
  const dot = name.indexOf('.');
  if (dot > 0) return getAtt(name.slice(0, dot), name.slice(dot + 1), context);
  return String(resolveRef(name, context));
};

const sub: Intrinsic = (argument, context) => {
  const [template, variables] = Array.isArray(argument) ? argument : [argument, {}];
  const resolvedVariables = resolveValue(variables, context) as Record<string, unknown>;
  return String(template).replace(SUB_VARIABLE, (_match, name: string) =>
    subVariable(name, resolvedVariables, context),
  );
};

const listArgument = (argument: unknown, name: string): unknown[] => {
  if (!Array.isArray(argument)) throw new Error(`${name} takes a list`);
  return argument;
};

const intrinsics: Record<string, Intrinsic> = {
  Ref: (argument, context) => resolveRef(String(argument), context),
  'Fn::GetAtt': (argument, context) => getAtt(...splitGetAtt(argument, context), context),
  'Fn::Sub': sub,
  'Fn::Join': (argument, context) => {
    const [delimiter, values] = listArgument(argument, 'Fn::Join');
    return (resolveValue(values, context) as unknown[]).map(String).join(String(delimiter));
  },
  'Fn::Select': (argument, context) => {
    const [index, values] = listArgument(argument, 'Fn::Select');
    return (resolveValue(values, context) as unknown[])[Number(resolveValue(index, context))];
  },
  'Fn::If': (argument, context) => {
    const [condition, whenTrue, whenFalse] = listArgument(argument, 'Fn::If');
    const value = context.conditions[String(condition)];
    if (value === undefined) throw new Error(`Fn::If names an unknown condition ${String(condition)}`);
    return resolveValue(value ? whenTrue : whenFalse, context);
  },
};

const resolveRecord = (value: Record<string, unknown>, context: ResolveContext): unknown => {
  const [key, ...others] = Object.keys(value);
  if (key !== undefined && others.length === 0) {
    const intrinsic = intrinsics[key];
    if (intrinsic) return intrinsic(value[key], context);
    if (key.startsWith('Fn::')) throw new Error(`${key} is not supported by the local provisioner`);
  }
  const entries = Object.entries(value).map(([name, item]) => [name, resolveValue(item, context)]);
  return Object.fromEntries(entries.filter(([, item]) => item !== NO_VALUE));
};

/** Resolves the intrinsic functions in a template value (Ref, GetAtt, Sub, Join, Select, If). */
export const resolveValue = (value: unknown, context: ResolveContext): unknown => {
  if (Array.isArray(value)) {
    return value.map((item) => resolveValue(item, context)).filter((item) => item !== NO_VALUE);
  }
  return isRecord(value) ? resolveRecord(value, context) : value;
};

const subReferences = (argument: unknown): string[] => {
  const [template, variables] = Array.isArray(argument) ? argument : [argument, {}];
  const local = isRecord(variables) ? Object.keys(variables) : [];
  return [...String(template).matchAll(SUB_VARIABLE)]
    .map(([, name = '']) => name.split('.')[0] ?? '')
    .filter((name) => !name.startsWith('!') && !local.includes(name));
};

const directReferences = (key: string, argument: unknown): string[] => {
  if (key === 'Ref') return [String(argument)];
  if (key === 'Fn::GetAtt')
    return [
      typeof argument === 'string' ? (argument.split('.')[0] ?? '') : String((argument as unknown[])[0]),
    ];
  if (key === 'Fn::Sub') return subReferences(argument);
  return [];
};

/** Every name a value refers to through Ref, Fn::GetAtt or Fn::Sub, pseudo parameters excluded. */
export const referencedNames = (value: unknown): Set<string> => {
  const names = new Set<string>();
  const visit = (item: unknown): void => {
    if (Array.isArray(item)) item.forEach(visit);
    if (!isRecord(item)) return;
    for (const [key, argument] of Object.entries(item)) {
      directReferences(key, argument).forEach((name) => names.add(name));
      visit(argument);
    }
  };
  visit(value);
  return new Set([...names].filter((name) => !name.includes('::')));
};
