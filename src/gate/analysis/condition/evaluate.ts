/**
 * Evaluating a parsed condition over a measurement's values. `result` (and `baseline`, when the
 * metric has one) is the list of values the query returned, one per series; a list of exactly one
 * value may be used as a number (`result < 0.05`), a longer one must be indexed or passed to
 * all()/any(). Every mistake is an error that names it, never a silent false.
 */
import type { Node } from './parse.ts';
import { GocrossError } from '../../../core/errors.ts';

export type Value = number | boolean | readonly number[];

export class ConditionEvaluationError extends GocrossError {
  constructor(message: string) {
    super('failure', message);
  }
}

export type Variables = Readonly<Record<string, Value>>;

function describe(value: Value | undefined): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'boolean') return `a boolean (${value})`;
  if (typeof value === 'number') return `a number (${value})`;
  return `a list of ${value.length} values`;
}

function asNumber(value: Value, what: string): number {
  if (typeof value === 'number') return value;
  if (Array.isArray(value) && value.length === 1) return value[0] as number;
  if (Array.isArray(value)) throw new ConditionEvaluationError(`${what} is a list of ${value.length} values: index it (result[0]) or use all()/any()`);
  throw new ConditionEvaluationError(`${what} must be a number, got ${describe(value)}`);
}

function asList(value: Value, what: string): readonly number[] {
  if (Array.isArray(value)) return value as readonly number[];
  if (typeof value === 'number') return [value];
  throw new ConditionEvaluationError(`${what} must be a list, got ${describe(value)}`);
}

function asBoolean(value: Value, what: string): boolean {
  if (typeof value === 'boolean') return value;
  throw new ConditionEvaluationError(`${what} must be true or false, got ${describe(value)}`);
}

const AGGREGATES: Record<string, (values: readonly number[]) => number> = {
  len: (v) => v.length,
  sum: (v) => v.reduce((a, b) => a + b, 0),
  avg: (v) => (v.length === 0 ? Number.NaN : v.reduce((a, b) => a + b, 0) / v.length),
  max: (v) => (v.length === 0 ? Number.NaN : Math.max(...v)),
  min: (v) => (v.length === 0 ? Number.NaN : Math.min(...v)),
};

export function evaluateNode(node: Node, variables: Variables, element?: number): Value {
  const recur = (n: Node): Value => evaluateNode(n, variables, element);
  switch (node.kind) {
    case 'number':
    case 'boolean':
      return node.value;
    case 'name': {
      const value = variables[node.name];
      if (value === undefined) throw new ConditionEvaluationError(`unknown name "${node.name}" (known: ${Object.keys(variables).join(', ')})`);
      return value;
    }
    case 'element':
      if (element === undefined) throw new ConditionEvaluationError('# is only meaningful inside a predicate such as all(result, {# < 1})');
      return element;
    case 'predicate':
      throw new ConditionEvaluationError('a predicate {…} can only be an argument of all(), any() or none()');
    case 'index': {
      const list = asList(recur(node.target), 'the indexed value');
      const index = asNumber(recur(node.index), 'an index');
      if (!Number.isInteger(index) || index < 0 || index >= list.length) {
        throw new ConditionEvaluationError(`index ${index} is out of range: the query returned ${list.length} value${list.length === 1 ? '' : 's'}`);
      }
      return list[index]!;
    }
    case 'unary': {
      const v = recur(node.operand);
      return node.op === '-' ? -asNumber(v, 'the operand of -') : !asBoolean(v, 'the operand of !');
    }
    case 'binary':
      return binary(node.op, node.left, node.right, recur);
    case 'call':
      return call(node.name, node.args, variables, recur);
  }
}

function binary(op: string, leftNode: Node, rightNode: Node, recur: (n: Node) => Value): Value {
  if (op === '&&' || op === '||') {
    const left = asBoolean(recur(leftNode), `the left side of ${op}`);
    if (op === '&&' ? !left : left) return left;
    return asBoolean(recur(rightNode), `the right side of ${op}`);
  }
  const leftValue = recur(leftNode);
  const rightValue = recur(rightNode);
  if ((op === '==' || op === '!=') && typeof leftValue === 'boolean' && typeof rightValue === 'boolean') {
    return op === '==' ? leftValue === rightValue : leftValue !== rightValue;
  }
  const a = asNumber(leftValue, `the left side of ${op}`);
  const b = asNumber(rightValue, `the right side of ${op}`);
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '%': return a % b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '==': return a === b;
    default: return a !== b;
  }
}

function call(name: string, args: readonly Node[], variables: Variables, recur: (n: Node) => Value): Value {
  const arity = (n: number): void => {
    if (args.length !== n) throw new ConditionEvaluationError(`${name}() takes ${n} argument${n === 1 ? '' : 's'}, got ${args.length}`);
  };
  if (name === 'all' || name === 'any' || name === 'none') {
    arity(2);
    const list = asList(recur(args[0]!), `the first argument of ${name}()`);
    const predicate = args[1]!;
    if (predicate.kind !== 'predicate') throw new ConditionEvaluationError(`the second argument of ${name}() must be a predicate like {# < 0.05}`);
    const test = (x: number): boolean => asBoolean(evaluateNode(predicate.body, variables, x), `the predicate of ${name}()`);
    if (name === 'all') return list.every(test);
    if (name === 'any') return list.some(test);
    return !list.some(test);
  }
  const aggregate = AGGREGATES[name];
  if (aggregate) {
    arity(1);
    return aggregate(asList(recur(args[0]!), `the argument of ${name}()`));
  }
  if (name === 'abs' || name === 'isNaN' || name === 'isInf') {
    arity(1);
    const x = asNumber(recur(args[0]!), `the argument of ${name}()`);
    return name === 'abs' ? Math.abs(x) : name === 'isNaN' ? Number.isNaN(x) : !Number.isFinite(x) && !Number.isNaN(x);
  }
  throw new ConditionEvaluationError(`unknown function ${name}() (known: all, any, none, len, sum, avg, max, min, abs, isNaN, isInf)`);
}

/** True or false, or a ConditionEvaluationError saying why the condition has no answer. */
export function evaluateCondition(tree: Node, variables: Variables): boolean {
  return asBoolean(evaluateNode(tree, variables), 'a condition');
}
