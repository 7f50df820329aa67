/** PT_INTERP: the program interpreter (dynamic loader) path. */
import type { ByteSource } from '../byte-source.ts';
import { cString } from '../endian.ts';
import { FormatError, hex } from '../errors.ts';
import { PT_INTERP } from './constants.ts';
import type { ElfProgramHeader } from './segments.ts';

/** PATH_MAX: no loader path is longer. */
const MAX_INTERP = 4096;

export async function readInterpreter(source: ByteSource, segments: ElfProgramHeader[]): Promise<string | null> {
  const p = segments.find((s) => s.type === PT_INTERP);
  if (!p) return null;
  if (p.offset > source.size || p.filesz > source.size - p.offset) {
    throw new FormatError(`Cannot read program interpreter: ${hex(p.filesz)} bytes at p_offset ${hex(p.offset)} run past end of file (size ${hex(source.size)})`, p.headerOffset);
  }
  const bytes = await source.read(p.offset, Math.min(p.filesz, MAX_INTERP), 'program interpreter');
  return cString(bytes, 0, MAX_INTERP);
}
