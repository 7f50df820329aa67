/** Program headers (Phdr) and virtual-address → file-offset translation through PT_LOAD. */
import type { ByteSource } from '../byte-source.ts';
import { Fields } from '../endian.ts';
import { PT_LOAD } from './constants.ts';
import type { ElfHeader } from './header.ts';

export interface ElfProgramHeader {
  index: number;
  type: number;
  flags: number;
  offset: number;
  vaddr: bigint;
  paddr: bigint;
  filesz: number;
  memsz: number;
  align: number;
  /** File offset of this header itself. */
  headerOffset: number;
}

/** Reads every program header. Absent table → []. */
export async function readProgramHeaders(source: ByteSource, header: ElfHeader): Promise<ElfProgramHeader[]> {
  if (header.phnum === 0 || header.phoff === 0) return [];
  const { bits, endian, phoff, phentsize, phnum } = header;
  const table = new Fields(await source.read(phoff, phnum * phentsize, 'program header table'), endian, phoff);
  const out: ElfProgramHeader[] = [];
  for (let i = 0; i < phnum; i++) {
    const b = i * phentsize;
    if (bits === 64) {
      out.push({
        index: i,
        type: table.u32(b, 'p_type'),
        flags: table.u32(b + 4, 'p_flags'),
        offset: table.u64(b + 8, 'p_offset'),
        vaddr: table.u64big(b + 16, 'p_vaddr'),
        paddr: table.u64big(b + 24, 'p_paddr'),
        filesz: table.u64(b + 32, 'p_filesz'),
        memsz: table.u64(b + 40, 'p_memsz'),
        align: table.u64(b + 48, 'p_align'),
        headerOffset: phoff + b,
      });
    } else {
      out.push({
        index: i,
        type: table.u32(b, 'p_type'),
        offset: table.u32(b + 4, 'p_offset'),
        vaddr: BigInt(table.u32(b + 8, 'p_vaddr')),
        paddr: BigInt(table.u32(b + 12, 'p_paddr')),
        filesz: table.u32(b + 16, 'p_filesz'),
        memsz: table.u32(b + 20, 'p_memsz'),
        flags: table.u32(b + 24, 'p_flags'),
        align: table.u32(b + 28, 'p_align'),
        headerOffset: phoff + b,
      });
    }
  }
  return out;
}

/**
 * File offset and the bytes available there for virtual address `addr`, via the PT_LOAD that maps
 * it with file bytes; null when no segment does (or the segment lies outside the file).
 */
export function virtualToFile(segments: ElfProgramHeader[], fileSize: number, addr: bigint): { offset: number; available: number } | null {
  for (const p of segments) {
    if (p.type !== PT_LOAD || p.filesz === 0) continue;
    if (addr < p.vaddr || addr >= p.vaddr + BigInt(p.filesz)) continue;
    const delta = Number(addr - p.vaddr);
    const offset = p.offset + delta;
    if (offset >= fileSize) return null;
    return { offset, available: Math.min(p.filesz - delta, fileSize - offset) };
  }
  return null;
}

export function segmentFlagString(flags: number): string {
  return `${flags & 4 ? 'r' : '-'}${flags & 2 ? 'w' : '-'}${flags & 1 ? 'x' : '-'}`;
}
