/** The binfmt_misc data model shared by the parser, the entry-file decoder, matching and status. */

/** P preserve argv[0], O open binary, C credentials (implies O), F fix (open interpreter at registration). */
export type BinfmtFlag = 'P' | 'O' | 'C' | 'F';
export const FLAG_ORDER: readonly BinfmtFlag[] = ['P', 'O', 'C', 'F'];

/** One registration, as written to `register` or read back from an entry file. */
export interface BinfmtRule {
  name: string;
  /** M = magic bytes at an offset, E = file name extension. */
  type: 'M' | 'E';
  /** Byte offset of the magic (0 for E rules). */
  offset: number;
  /** Magic bytes as lowercase hex (M rules), or null. */
  magic: string | null;
  /** Mask bytes as lowercase hex, same length as magic; null = compare every bit. */
  mask: string | null;
  /** Extension without the dot (E rules), or null. */
  extension: string | null;
  interpreter: string;
  /** Normalised: kernel order P, O, C, F without duplicates; C adds O as the kernel does. */
  flags: BinfmtFlag[];
}

/** A registered entry, decoded from /proc/sys/fs/binfmt_misc/<name>. */
export interface BinfmtEntry extends BinfmtRule {
  enabled: boolean;
}

export function normaliseFlags(flags: Iterable<BinfmtFlag>): BinfmtFlag[] {
  const set = new Set(flags);
  if (set.has('C')) set.add('O');
  return FLAG_ORDER.filter((f) => set.has(f));
}
