/**
 * Validating a parsed config against the published JSON Schema, turning ajv's errors into
 * problems a person can act on: key path, expected vs got.
 */
import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';
import type { ConfigProblem } from './errors.ts';
import { CONFIG_OPTIONS, SECTION_OPTIONS } from './validator-options.ts';
import * as precompiledConfig from './generated/config-validator.ts';
import * as precompiledVerify from './generated/verify-section-validator.ts';
import { schemaDigest } from './schema-digest.ts';

const require = createRequire(import.meta.url);
/** The schema file shipped in the package (schema/ sits beside src/ and dist/). */
const configSchema = require('../../schema/gocross.config.schema.json') as Record<string, unknown>;

/** What we use of a validator, precompiled or compiled: ajv's calling convention. */
type Validate = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };
type Precompiled = { SCHEMA_DIGEST: string; validate: unknown };

/** The validators scripts/gen-config-validator.ts precompiled, when made from this very schema (else ajv compiles it). */
let upToDate: boolean | undefined;
function precompiled(generated: Precompiled): Validate | undefined {
  upToDate ??= generated.SCHEMA_DIGEST === schemaDigest(configSchema);
  return upToDate ? (generated.validate as Validate) : undefined;
}

let compiled: Validate | undefined;
/** The precompiled validator, or compiled on first use: ajv is loaded only when it is stale. */
function validator(): Validate {
  compiled ??= precompiled(precompiledConfig);
  if (!compiled) {
    const { Ajv } = require('ajv') as typeof import('ajv');
    compiled = new Ajv(CONFIG_OPTIONS).compile(configSchema);
  }
  return compiled;
}

let sections: Map<string, Validate> | undefined;
/**
 * The schema errors of one top-level section (e.g. "verify") checked on its own against its part
 * of the published schema, for library callers that hand a section over without loading a file.
 * Stops at the first error: the caller names one problem.
 */
export function sectionErrors(section: string, value: unknown): ErrorObject[] {
  sections ??= new Map();
  let validate = sections.get(section);
  if (!validate && section === 'verify') validate = precompiled(precompiledVerify);
  if (!validate) {
    const { Ajv } = require('ajv') as typeof import('ajv');
    const ajv = new Ajv(SECTION_OPTIONS).addSchema(configSchema);
    validate = ajv.getSchema(`${String(configSchema.$id)}#/properties/${section}`) as Validate | undefined;
    if (!validate) throw new Error(`Cannot validate config section "${section}": the schema has no such property`);
  }
  sections.set(section, validate);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

/** JSON pointer segments, decoded. */
function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** ["build", "cc", "linux/arm64"] → build.cc["linux/arm64"]; ["targets", "2"] → targets[2]. */
export function keyPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    const str = String(s);
    if (/^\d+$/.test(str)) out += `[${str}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(str)) out += out ? `.${str}` : str;
    else out += `[${JSON.stringify(str)}]`;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array (${JSON.stringify(value).slice(0, 60)})`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function problemOf(e: ErrorObject): ConfigProblem & { segments: string[] } {
  const segments = pointerSegments(e.instancePath);
  const params = e.params as Record<string, unknown>;
  const at = (segs: string[], rest: Omit<ConfigProblem, 'path'>): ConfigProblem & { segments: string[] } => ({ path: keyPath(segs), segments: segs, ...rest });
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
      return at([...segments, key], { message: 'unknown key', expected: allowed.length ? `one of ${allowed.join(', ')}` : 'no such key', got: `"${key}"` });
    }
    case 'type':
      return at(segments, { message: e.message ?? 'wrong type', expected: `${String(params.type)}`, got: describe(e.data) });
    case 'anyOf':
      return at(segments, { message: 'wrong shape', expected: 'a target spec string or a list of target strings', got: describe(e.data) });
    case 'propertyNames':
      return at([...segments, String(params.propertyName)], { message: 'invalid key', expected: keyExpectation(segments), got: `"${String(params.propertyName)}"` });
    case 'pattern':
      return at(segments, { message: 'invalid value', expected: `a string matching ${String(params.pattern)}`, got: describe(e.data) });
    case 'minimum':
      return at(segments, { message: 'too small', expected: `a number ${String(params.comparison)} ${String(params.limit)}`, got: describe(e.data) });
    case 'minLength':
      return at(segments, { message: 'empty', expected: 'a non-empty string', got: describe(e.data) });
    case 'minItems':
      return at(segments, { message: 'empty', expected: `at least ${String(params.limit)} item(s)`, got: describe(e.data) });
    default:
      return at(segments, { message: e.message ?? e.keyword });
  }
}

function keyExpectation(segments: readonly string[]): string {
  const last = segments[segments.length - 1];
  if (last === 'cc') return 'a target like "linux/arm64"';
  if (last === 'env') return 'an environment variable name';
  return 'a valid key';
}

/** Problems in `value` (empty when valid). `lineOf` maps a key path to its line in the file. */
export function validateConfig(value: unknown, lineOf?: (segments: string[]) => number | undefined): ConfigProblem[] {
  const validate = validator();
  if (validate(value)) return [];
  const raw = (validate.errors ?? []).map(problemOf);
  // anyOf branches repeat the same mistake in each branch's words; keep the anyOf summary only.
  const anyOfPaths = new Set((validate.errors ?? []).filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const kept = raw.filter((p, i) => {
    const e = validate.errors![i]!;
    if (e.keyword === 'propertyNames' && raw.some((q, j) => j !== i && q.path === p.path && validate.errors![j]!.keyword === 'propertyNames')) return i === raw.findIndex((q) => q.path === p.path);
    if (e.keyword === 'pattern' && e.schemaPath.includes('propertyNames')) return false;
    return e.keyword === 'anyOf' || ![...anyOfPaths].some((a) => e.instancePath.startsWith(a) && e.schemaPath.includes('anyOf'));
  });
  const seen = new Set<string>();
  return kept
    .filter((p) => {
      const k = `${p.path}|${p.expected ?? p.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .map(({ segments, ...p }) => {
      const line = lineOf?.(segments);
      return line ? { ...p, line } : p;
    });
}
