/** A kind in a built-in API group that the group does not serve is a typo (`Deploymnet`), not a custom resource. */
import type { GateRule } from '../model.ts';
import { BUILT_IN_GROUPS, groupOf, KINDS, kindInfo } from '../kinds.ts';
import { objectFinding } from './finding.ts';

function closest(kind: string, group: string): string | undefined {
  const lower = kind.toLowerCase();
  return KINDS.find((k) => k.groups.includes(group) && k.kind.toLowerCase() === lower)?.kind ?? KINDS.find((k) => k.groups.includes(group) && [...k.kind.toLowerCase()].sort().join('') === [...lower].sort().join(''))?.kind;
}

export const knownKind: GateRule = {
  id: 'known-kind',
  category: 'reliability',
  severity: 'fail',
  title: 'Objects of built-in API groups have a kind the group serves',
  fix: 'correct the kind (or the apiVersion)',
  crosswalk: {},
  evaluate: (facts) =>
    facts.objects.flatMap((o) => {
      const group = groupOf(o.apiVersion);
      if (!BUILT_IN_GROUPS.has(group) || kindInfo(o.apiVersion, o.kind)) return [];
      if (/List$/.test(o.kind)) return [];
      const hint = closest(o.kind, group);
      const other = KINDS.find((k) => k.kind === o.kind);
      return [objectFinding(o, 'fail', `${o.apiVersion} has no kind ${o.kind}${hint ? ` (did you mean ${hint}?)` : other ? ` (${o.kind} is served by ${other.groups.map((g) => g || 'the core group').join(', ')})` : ''}: its checks were not run`, ['kind'])];
    }),
};
