/**
 * NT_GNU_PROPERTY_TYPE_0 notes (.note.gnu.property, PT_GNU_PROPERTY): an array of
 * { pr_type u32, pr_datasz u32, pr_data, padding to 8 (ELF64) or 4 (ELF32) bytes }.
 * Decoded: the x86 ISA level needed, x86 CET (IBT, SHSTK) and AArch64 BTI/PAC markings.
 */
import { Fields } from '../endian.ts';
import { FormatError } from '../errors.ts';
import type { GnuProperties } from '../types.ts';
import {
  EM_AARCH64,
  EM_386,
  EM_X86_64,
  GNU_PROPERTY_AARCH64_FEATURE_1_AND,
  GNU_PROPERTY_AARCH64_FEATURE_1_NAMES,
  GNU_PROPERTY_X86_FEATURE_1_AND,
  GNU_PROPERTY_X86_FEATURE_1_NAMES,
  GNU_PROPERTY_X86_ISA_1_NAMES,
  GNU_PROPERTY_X86_ISA_1_NEEDED,
  NT_GNU_PROPERTY_TYPE_0,
} from './constants.ts';
import type { ElfHeader } from './header.ts';
import type { ElfNote } from './notes.ts';

const bitNames = (table: ReadonlyArray<readonly [number, string]>, value: number): string[] => table.filter(([bit]) => (value & bit) !== 0).map(([, name]) => name);

/** The properties of every GNU property note, merged (a linked file has one note; objects may have several). */
export function gnuProperties(notes: ElfNote[], header: Pick<ElfHeader, 'bits' | 'endian' | 'machine'>): GnuProperties {
  const out: GnuProperties = { x86IsaNeeded: [], x86Features: [], aarch64Features: [] };
  const x86 = header.machine === EM_X86_64 || header.machine === EM_386;
  const align = header.bits === 64 ? 8 : 4;
  let isa = 0;
  let x86Features = 0;
  let aarch64Features = 0;
  for (const note of notes) {
    if (note.name !== 'GNU' || note.type !== NT_GNU_PROPERTY_TYPE_0) continue;
    const f = new Fields(note.desc, header.endian, note.offset);
    for (let at = 0; at + 8 <= note.desc.length; ) {
      const type = f.u32(at, 'pr_type');
      const size = f.u32(at + 4, 'pr_datasz');
      if (size > note.desc.length - at - 8) {
        throw new FormatError(`Cannot read GNU property ${type.toString(16)}: pr_datasz ${size} runs past the end of its note`, note.offset + at + 4);
      }
      // Every property we decode is a 4-byte bit mask.
      const mask = size >= 4 ? f.u32(at + 8, 'pr_data') : 0;
      if (x86 && type === GNU_PROPERTY_X86_ISA_1_NEEDED) isa |= mask;
      else if (x86 && type === GNU_PROPERTY_X86_FEATURE_1_AND) x86Features |= mask;
      else if (header.machine === EM_AARCH64 && type === GNU_PROPERTY_AARCH64_FEATURE_1_AND) aarch64Features |= mask;
      at += 8 + Math.ceil(size / align) * align;
    }
  }
  out.x86IsaNeeded = bitNames(GNU_PROPERTY_X86_ISA_1_NAMES, isa);
  out.x86Features = bitNames(GNU_PROPERTY_X86_FEATURE_1_NAMES, x86Features);
  out.aarch64Features = bitNames(GNU_PROPERTY_AARCH64_FEATURE_1_NAMES, aarch64Features);
  return out;
}
