/**
 * Ignores, each with a reason, from two places: the gate config file (`ignore:` entries naming a
 * rule, optionally objects and containers) and object annotations
 * `ignore.gate.gocross.dev/<rule-id>: "<reason>"`. The annotation prefix and the rule ids are
 * stable, so an ignore never silently stops applying after an upgrade; an ignore naming an unknown
 * rule, or without a reason, is refused and reported, and the findings it meant stay.
 */
import type { GateRule, K8sObject } from './model.ts';
import { stringMap } from './json.ts';

export const IGNORE_ANNOTATION_PREFIX = 'ignore.gate.gocross.dev/';

export interface IgnoreEntry {
  rule: string;
  reason: string;
  /** Object patterns `Kind/namespace/name` (or `Kind/name`), `*` matching any run of characters; none means every object. */
  objects: string[];
  containers: string[];
  /** `file:line` of a config entry, or `annotation on Kind/ns/name`. */
  source: string;
  /** Set for annotation ignores: the object that carries it. */
  objectIndex?: number;
}

export interface IgnoreProblem {
  message: string;
  source: string;
  file?: string;
  line?: number;
}

function pattern(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** Does `ref` (Kind/namespace/name) match the pattern? `Kind/name` means any namespace. */
export function objectMatches(glob: string, ref: string): boolean {
  const parts = glob.split('/');
  const full = parts.length === 2 ? `${parts[0]}/*/${parts[1]}` : glob;
  return pattern(full).test(ref);
}

/** Ignores written as annotations on the objects, and problems with them. */
export function annotationIgnores(objects: readonly K8sObject[], rules: readonly GateRule[]): { entries: IgnoreEntry[]; problems: IgnoreProblem[] } {
  const entries: IgnoreEntry[] = [];
  const problems: IgnoreProblem[] = [];
  for (const o of objects) {
    for (const [key, value] of Object.entries(stringMap(o.body, ['metadata', 'annotations']))) {
      if (!key.startsWith(IGNORE_ANNOTATION_PREFIX)) continue;
      const rule = key.slice(IGNORE_ANNOTATION_PREFIX.length);
      const source = `annotation ${key} on ${o.kind}/${o.namespace}/${o.name}`;
      if (!rules.some((r) => r.id === rule)) {
        problems.push({ message: `Cannot apply ${source}: there is no rule ${rule} (see gocross gate manifests --list-rules)`, source, file: o.file });
        continue;
      }
      if (value.trim() === '') {
        problems.push({ message: `Cannot apply ${source}: it gives no reason (write the reason as the annotation's value)`, source, file: o.file });
        continue;
      }
      entries.push({ rule, reason: value.trim(), objects: [`${o.kind}/${o.namespace}/${o.name}`], containers: [], source, objectIndex: o.index });
    }
  }
  return { entries, problems };
}

export function ignoreApplies(entry: IgnoreEntry, rule: string, objectRefs: readonly string[], container: string | undefined): boolean {
  if (entry.rule !== rule) return false;
  if (entry.objects.length > 0 && !entry.objects.some((g) => objectRefs.some((ref) => objectMatches(g, ref)))) return false;
  if (entry.containers.length > 0 && (container === undefined || !entry.containers.some((g) => pattern(g).test(container)))) return false;
  return true;
}
