/** Kind, PIE and linkage, decided the way file(1) decides them (pure). */
import type { Kind, Linkage } from '../types.ts';
import { DF_1_PIE, ET_CORE, ET_DYN, ET_EXEC, ET_REL } from './constants.ts';

export interface LinkageFacts {
  type: number;
  hasDynamic: boolean;
  hasInterp: boolean;
  /** DT_DEBUG present. */
  hasDebug: boolean;
  neededCount: number;
  flags1: number;
  /** A DT_FLAGS_1 entry is present (whatever its value). */
  hasFlags1: boolean;
}

export function elfKind(f: LinkageFacts): Kind {
  switch (f.type) {
    case ET_EXEC:
      return 'executable';
    case ET_DYN:
      // file(1) 5.44 calls ET_DYN a PIE executable only with DF_1_PIE (libc.so.6 has PT_INTERP and
      // is a "shared object"). PIEs linked before binutils 2.29 lack DF_1_PIE; like checksec, take
      // PT_INTERP plus DT_DEBUG (the debugger hook only executables carry) as PIE too.
      return (f.flags1 & DF_1_PIE) !== 0 || (f.hasInterp && f.hasDebug) ? 'executable' : 'shared-library';
    case ET_REL:
      return 'object';
    case ET_CORE:
      return 'core';
    default:
      return 'unknown';
  }
}

export function isPie(f: LinkageFacts): boolean {
  return f.type === ET_DYN && elfKind(f) === 'executable';
}

/**
 * file(1) 5.44: no PT_DYNAMIC → static; a DT_FLAGS_1 entry (any value: file takes its presence as
 * the mark of a modern PIE-capable link) with nothing needed (no DT_NEEDED, no PT_INTERP) →
 * static-pie; otherwise dynamic. So a dependency-free library with FLAGS_1=NOW is "static-pie
 * linked", and ld.so (no DT_FLAGS_1) is "dynamically linked".
 */
export function elfLinkage(f: LinkageFacts): Linkage {
  if (!f.hasDynamic) return 'static';
  if (f.hasFlags1 && f.neededCount === 0 && !f.hasInterp) return 'static-pie';
  return 'dynamic';
}
