/**
 * Which hosts a run works on: `--hosts a,b`, `--group g`, `--label k=v`, intersected, in the
 * config's order. Pure; an unknown name or group, or an empty result, is a usage error.
 */
import { GocrossError } from '../core/errors.ts';
import type { DeployConfig, DeployHost, HostSelection } from './model.ts';

/** `k=v` of `--label`; the key is non-empty, the value may be empty. */
export function parseLabelSelector(text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new GocrossError('usage', `Cannot parse label selector "${text}": expected key=value`, { fix: 'write e.g. --label site=berlin' });
  return [text.slice(0, eq), text.slice(eq + 1)];
}

/** `--hosts a,b` → ["a", "b"] (blanks dropped). */
export function parseHostList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function selectHosts(config: Pick<DeployConfig, 'hosts' | 'groups'>, selection: HostSelection): DeployHost[] {
  const known = config.hosts.map((h) => h.name);
  for (const name of selection.names) {
    if (!known.includes(name)) {
      const hint = closest(name, known);
      throw new GocrossError('usage', `Cannot select host "${name}": no such host in deploy.hosts${hint ? ` (did you mean "${hint}"?)` : ''}`, {
        fix: `known hosts: ${known.join(', ')}`,
      });
    }
  }
  const groupNames = Object.keys(config.groups);
  for (const group of selection.groups) {
    if (!(group in config.groups)) {
      const hint = closest(group, groupNames);
      throw new GocrossError('usage', `Cannot select group "${group}": no such group in deploy.groups${hint ? ` (did you mean "${hint}"?)` : ''}`, {
        fix: groupNames.length ? `known groups: ${groupNames.join(', ')}` : 'define groups under deploy.groups',
      });
    }
  }
  const labels = Object.entries(selection.labels);
  const selected = config.hosts.filter(
    (h) =>
      (selection.names.length === 0 || selection.names.includes(h.name)) &&
      selection.groups.every((g) => config.groups[g]!.includes(h.name)) &&
      labels.every(([k, v]) => h.labels[k] === v),
  );
  if (selected.length === 0) {
    throw new GocrossError('usage', `Cannot select hosts: no host matches ${describeSelection(selection)}`, {
      fix: 'loosen the filters (they all apply at once); `gocross releases` lists the configured hosts',
    });
  }
  return selected;
}

/** `--hosts a,b --group g --label k=v` as the user wrote it, for messages and plans. */
export function describeSelection(selection: HostSelection): string {
  const parts = [
    ...(selection.names.length ? [`--hosts ${selection.names.join(',')}`] : []),
    ...selection.groups.map((g) => `--group ${g}`),
    ...Object.entries(selection.labels).map(([k, v]) => `--label ${k}=${v}`),
  ];
  return parts.length ? parts.join(' ') : 'the configuration (no filters)';
}

/** The known name nearest to `name` (edit distance at most a third of its length, at least 1), if any. */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}
