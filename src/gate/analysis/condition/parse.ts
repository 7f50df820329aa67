/**
 * The condition language of `successCondition` / `failureCondition`: the subset of expr-lang that
 * Argo Rollouts users write (`result[0] < 0.05`, `all(result, {# < 0.05})`, `len(result) > 0 &&
 * result[0] <= baseline[0] * 1.2`). Parsed once into a tree, never evaluated as code.
 */
import { GocrossError } from '../../../core/errors.ts';

export type Node =
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'name'; name: string }
  | { kind: 'element' } // `#` inside a predicate
  | { kind: 'predicate'; body: Node }
  | { kind: 'index'; target: Node; index: Node }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'unary'; op: '-' | '!'; operand: Node }
  | { kind: 'binary'; op: BinaryOp; left: Node; right: Node };

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||';

export class ConditionSyntaxError extends GocrossError {
  constructor(source: string, position: number, message: string) {
    super('config', `Cannot parse condition "${source}": ${message} at column ${position + 1}`);
  }
}

interface Token {
  text: string;
  kind: 'number' | 'name' | 'op' | 'end';
  at: number;
}

const OPERATORS = ['<=', '>=', '==', '!=', '&&', '||', '<', '>', '+', '-', '*', '/', '%', '!', '(', ')', '[', ']', '{', '}', ',', '#'];
const WORD_OPERATORS: Record<string, string> = { and: '&&', or: '||', not: '!' };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (number) {
      tokens.push({ text: number[0], kind: 'number', at: i });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (word) {
      const op = WORD_OPERATORS[word[0]];
      tokens.push(op ? { text: op, kind: 'op', at: i } : { text: word[0], kind: 'name', at: i });
      i += word[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (!op) throw new ConditionSyntaxError(source, i, `unexpected character "${rest[0]}"`);
    tokens.push({ text: op, kind: 'op', at: i });
    i += op.length;
  }
  tokens.push({ text: '', kind: 'end', at: source.length });
  return tokens;
}

const BINARY_LEVELS: readonly (readonly BinaryOp[])[] = [['||'], ['&&'], ['==', '!=', '<', '<=', '>', '>='], ['+', '-'], ['*', '/', '%']];

export function parseCondition(source: string): Node {
  const tokens = tokenize(source);
  let position = 0;
  const peek = (): Token => tokens[position]!;
  const fail = (message: string): never => {
    throw new ConditionSyntaxError(source, peek().at, message);
  };
  const expect = (text: string): void => {
    if (peek().text !== text || peek().kind !== 'op') fail(`expected "${text}", found ${peek().kind === 'end' ? 'the end' : `"${peek().text}"`}`);
    position++;
  };

  const binary = (level: number): Node => {
    if (level === BINARY_LEVELS.length) return unary();
    let left = binary(level + 1);
    const ops = BINARY_LEVELS[level]!;
    while (peek().kind === 'op' && (ops as readonly string[]).includes(peek().text)) {
      const op = tokens[position++]!.text as BinaryOp;
      left = { kind: 'binary', op, left, right: binary(level + 1) };
      // Comparisons do not chain: `a < b < c` is a mistake, not a range.
      if (level === 2 && peek().kind === 'op' && (ops as readonly string[]).includes(peek().text)) fail('comparisons cannot be chained; join them with &&');
    }
    return left;
  };

  const unary = (): Node => {
    const t = peek();
    if (t.kind === 'op' && (t.text === '-' || t.text === '!')) {
      position++;
      return { kind: 'unary', op: t.text, operand: unary() };
    }
    let node = primary();
    while (peek().kind === 'op' && peek().text === '[') {
      position++;
      const index = binary(0);
      expect(']');
      node = { kind: 'index', target: node, index };
    }
    return node;
  };

  const primary = (): Node => {
    const t = tokens[position++]!;
    if (t.kind === 'number') return { kind: 'number', value: Number(t.text) };
    if (t.kind === 'name') {
      if (t.text === 'true' || t.text === 'false') return { kind: 'boolean', value: t.text === 'true' };
      if (peek().kind === 'op' && peek().text === '(') {
        position++;
        const args: Node[] = [];
        if (!(peek().kind === 'op' && peek().text === ')')) {
          args.push(binary(0));
          while (peek().kind === 'op' && peek().text === ',') {
            position++;
            args.push(binary(0));
          }
        }
        expect(')');
        return { kind: 'call', name: t.text, args };
      }
      return { kind: 'name', name: t.text };
    }
    if (t.kind === 'op' && t.text === '(') {
      const inner = binary(0);
      expect(')');
      return inner;
    }
    if (t.kind === 'op' && t.text === '{') {
      const body = binary(0);
      expect('}');
      return { kind: 'predicate', body };
    }
    if (t.kind === 'op' && t.text === '#') return { kind: 'element' };
    position--;
    return fail(t.kind === 'end' ? 'unexpected end' : `unexpected "${t.text}"`);
  };

  const tree = binary(0);
  if (peek().kind !== 'end') fail(`unexpected "${peek().text}"`);
  return tree;
}
