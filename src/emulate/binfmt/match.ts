/**
 * Which entry the kernel picks for a file, and which entries can claim the same files.
 * fs/binfmt_misc.c check_file(): the header buffer is BINPRM_BUF_SIZE bytes, zero-filled past the
 * end of a short file; an M entry matches when ((buf[offset+i] ^ magic[i]) & mask[i]) == 0 for
 * every i; an E entry compares the text after the last '.' of the path; disabled entries are
 * skipped and the newest registration is tried first.
 */
import { fromHex } from './escape.ts';
import { BINPRM_BUF_SIZE } from './register-string.ts';
import type { BinfmtEntry, BinfmtRule } from './types.ts';

function bytesOf(hex: string | null, length: number, fill: number): Uint8Array {
  return (hex === null ? null : fromHex(hex)) ?? new Uint8Array(length).fill(fill);
}

/** Does `rule` claim a file whose first bytes are `head` (and whose path is `path`, for E rules)? */
export function ruleMatches(rule: BinfmtRule, head: Uint8Array, path = ''): boolean {
  if (rule.type === 'E') {
    const dot = path.lastIndexOf('.');
    return dot >= 0 && path.slice(dot + 1) === rule.extension;
  }
  const magic = bytesOf(rule.magic, 0, 0);
  const mask = bytesOf(rule.mask, magic.length, 0xff);
  for (let i = 0; i < magic.length; i++) {
    const at = rule.offset + i;
    const b = at < head.length && at < BINPRM_BUF_SIZE ? head[at]! : 0;
    if (((b ^ magic[i]!) & mask[i]!) !== 0) return false;
  }
  return true;
}

/**
 * The entry the kernel would run the file with. `entries` are in registration order, oldest
 * first; the newest enabled match wins. Returns null when nothing matches (→ ENOEXEC,
 * "exec format error").
 */
export function findHandler<T extends BinfmtEntry>(entries: readonly T[], head: Uint8Array, path = ''): T | null {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.enabled && ruleMatches(e, head, path)) return e;
  }
  return null;
}

/**
 * True when some file satisfies both rules: at every byte both rules constrain, the bits both
 * masks select must agree in the two magics (compare magic & mask, not raw magic). E rules
 * overlap when their extensions are equal.
 */
export function rulesOverlap(a: BinfmtRule, b: BinfmtRule): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'E') return a.extension === b.extension;
  const ma = bytesOf(a.magic, 0, 0);
  const ka = bytesOf(a.mask, ma.length, 0xff);
  const mb = bytesOf(b.magic, 0, 0);
  const kb = bytesOf(b.mask, mb.length, 0xff);
  for (let i = 0; i < ma.length; i++) {
    const j = a.offset + i - b.offset;
    if (j < 0 || j >= mb.length) continue;
    const both = ka[i]! & kb[j]!;
    if (((ma[i]! ^ mb[j]!) & both) !== 0) return false;
  }
  return true;
}

export interface Overlap {
  /** Older entry (shadowed for the files both claim). */
  older: string;
  /** Newer entry (wins for the files both claim). */
  newer: string;
}

/** Every pair of entries that can claim the same file; `entries` oldest first. */
export function findOverlaps(entries: readonly BinfmtRule[]): Overlap[] {
  const out: Overlap[] = [];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      if (rulesOverlap(entries[i]!, entries[j]!)) out.push({ older: entries[i]!.name, newer: entries[j]!.name });
    }
  }
  return out;
}
