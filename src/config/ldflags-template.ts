/**
 * The template language of build.ldflags and build.profiles.*.ldflags: `{{.Version}}`,
 * `{{.Commit}}`, `{{.Date}}` and `{{.Name}}`, nothing else. Anything else between `{{ }}` is
 * refused when the config is read (and again before a build plans), never passed to the linker
 * as text. Pure.
 */
import { GocrossError } from '../core/errors.ts';
import type { ConfigProblem } from './errors.ts';
import type { GocrossConfig } from './types.ts';

export const LDFLAGS_FIELDS = ['Version', 'Commit', 'Date', 'Name'] as const;
export type LdflagsField = (typeof LDFLAGS_FIELDS)[number];

const ACTION = /\{\{(.*?)\}\}/g;
const FIELD = /^\s*\.(\w+)\s*$/;
const VALID = `valid: ${LDFLAGS_FIELDS.map((f) => `{{.${f}}}`).join(', ')}`;

/** The `{{…}}` actions of `template` that are not one of LDFLAGS_FIELDS, as written. */
export function unknownTemplateFields(template: string): string[] {
  const unknown: string[] = [];
  for (const [whole, inner = ''] of template.matchAll(ACTION)) {
    const field = FIELD.exec(inner)?.[1];
    if (field === undefined || !(LDFLAGS_FIELDS as readonly string[]).includes(field)) unknown.push(whole);
  }
  return [...new Set(unknown)];
}

function describeUnknown(unknown: readonly string[]): string {
  return `unknown template field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (${VALID})`;
}

/** Expands every field, or throws a `config` error naming the unknown ones and the valid ones. */
export function expandLdflagsTemplate(template: string, values: Readonly<Record<LdflagsField, string>>, where = 'build.ldflags'): string {
  const unknown = unknownTemplateFields(template);
  if (unknown.length > 0) throw new GocrossError('config', `Cannot use ${where}: ${describeUnknown(unknown)}`);
  return template.replace(ACTION, (_whole, inner: string) => values[FIELD.exec(inner)![1] as LdflagsField]);
}

/** The config's ldflags templates with unknown fields, as problems of the config file. */
export function ldflagsTemplateProblems(config: GocrossConfig, lineOf: (segments: string[]) => number | undefined): ConfigProblem[] {
  const templates: Array<[segments: string[], path: string, template: string | undefined]> = [
    [['build', 'ldflags'], 'build.ldflags', config.build?.ldflags],
    ...Object.entries(config.build?.profiles ?? {}).map(([name, profile]): [string[], string, string | undefined] => [
      ['build', 'profiles', name, 'ldflags'],
      `build.profiles${/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`}.ldflags`,
      profile.ldflags,
    ]),
  ];
  const problems: ConfigProblem[] = [];
  for (const [segments, path, template] of templates) {
    if (typeof template !== 'string') continue;
    const unknown = unknownTemplateFields(template);
    if (unknown.length === 0) continue;
    const line = lineOf(segments);
    problems.push({ path, message: describeUnknown(unknown), ...(line !== undefined ? { line } : {}) });
  }
  return problems;
}
