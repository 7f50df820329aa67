/**
 * How gocross names its registrations. The prefix is the marker: `gocross-qemu-<qemuArch>` never
 * collides with the `qemu-<arch>` entries of QEMU's script, Debian, systemd or tonistiigi/binfmt,
 * so `uninstall` can remove exactly what gocross added and nothing else.
 */
export const ENTRY_PREFIX = 'gocross-';
export const DEFAULT_MOUNT = '/proc/sys/fs/binfmt_misc';

export function entryName(qemuArch: string): string {
  return `${ENTRY_PREFIX}qemu-${qemuArch}`;
}

/** True for names gocross registers (and may remove without being told the name). */
export function isGocrossEntry(name: string): boolean {
  return /^gocross-qemu-[a-z0-9_]+$/.test(name);
}
