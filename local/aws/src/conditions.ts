import { resolveValue, type ResolveContext } from './intrinsics';

type ConditionFunction = (argument: unknown, evaluate: (expression: unknown) => boolean) => boolean;

const list = (argument: unknown, name: string): unknown[] => {
  if (!Array.isArray(argument)) throw new Error(`${name} takes a list`);
  return argument;
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

  const functions: Record<string, ConditionFunction> = {
    'Fn::Equals': (argument) => {
      const [left, right] = list(argument, 'Fn::Equals').map((value) => resolveValue(value, valueContext));
      return JSON.stringify(left) === JSON.stringify(right) || String(left) === String(right);
    },
    'Fn::Not': (argument, evaluate) => !evaluate(list(argument, 'Fn::Not')[0]),
    'Fn::And': (argument, evaluate) => list(argument, 'Fn::And').every(evaluate),
    'Fn::Or': (argument, evaluate) => list(argument, 'Fn::Or').some(evaluate),
    Condition: (argument) => evaluateNamed(String(argument)),
  };

  const evaluate = (expression: unknown): boolean => {
    const [name, argument] = Object.entries(expression ?? {})[0] ?? [];
    const condition = name === undefined ? undefined : functions[name];
    if (!condition) throw new Error(`Unsupported condition expression ${JSON.stringify(expression)}`);
    return condition(argument, evaluate);
  };

  function evaluateNamed(name: string): boolean {
    const known = results[name];
    if (known !== undefined) return known;
    if (!(name in definitions)) throw new Error(`Unknown condition ${name}`);
    if (inProgress.has(name)) throw new Error(`Condition ${name} refers to itself`);
    inProgress.add(name);
    results[name] = evaluate(definitions[name]);
    inProgress.delete(name);
    return results[name];
  }

  Object.keys(definitions).forEach(evaluateNamed);
  return results;
};
