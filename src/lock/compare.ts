/** Pure comparison of locked tool versions with the host's. */
import type { ToolVersions } from './lockfile.ts';

export interface LockDifference {
  /** "go", "binutils", "cc/arm64", "qemu/arm64". */
  tool: string;
  locked: string;
  /** null when the tool is missing on this host. */
  found: string | null;
}

/** Every locked tool whose host version differs or is missing. Tools the lock does not name are not compared. */
export function compareLock(locked: ToolVersions, current: ToolVersions): LockDifference[] {
  const out: LockDifference[] = [];
  if (locked.go && locked.go !== current.go) out.push({ tool: 'go', locked: locked.go, found: current.go });
  if (locked.binutils && locked.binutils !== current.binutils) out.push({ tool: 'binutils', locked: locked.binutils, found: current.binutils });
  for (const kind of ['cc', 'qemu'] as const) {
    for (const [arch, version] of Object.entries(locked[kind])) {
      const found = current[kind][arch] ?? null;
      if (found !== version) out.push({ tool: `${kind}/${arch}`, locked: version, found });
    }
  }
  return out;
}

export function describeDifference(d: LockDifference): string {
  return d.found === null ? `${d.tool}: locked ${d.locked}, not found on this host` : `${d.tool}: locked ${d.locked}, this host has ${d.found}`;
}
