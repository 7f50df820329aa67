/**
 * Fat (universal) Mach-O headers: a big-endian fat_header then nfat_arch fat_arch entries
 * (0xcafebabe: 20 bytes with 32-bit offsets; 0xcafebabf: 32 bytes with 64-bit offsets).
 */
import type { ByteSource } from '../byte-source.ts';
import { Fields } from '../endian.ts';
import { FormatError, UnrecognizedFormatError, hex } from '../errors.ts';
import { FAT_ARCH_64_SIZE, FAT_ARCH_SIZE, FAT_HEADER_SIZE, FAT_MAGIC, FAT_MAGIC_64 } from './constants.ts';

export interface FatArch {
  cputype: number;
  cpusubtype: number;
  offset: number;
  size: number;
  align: number;
  /** File offset of this fat_arch entry (for messages). */
  entryOffset: number;
}

export async function readFatArches(source: ByteSource): Promise<FatArch[]> {
  const head = new Fields(await source.read(0, FAT_HEADER_SIZE, 'fat header'), 'big', 0);
  const magic = head.u32(0);
  if (magic !== FAT_MAGIC && magic !== FAT_MAGIC_64) {
    throw new UnrecognizedFormatError(`Cannot read fat Mach-O file: bad magic ${hex(magic)}`);
  }
  const wide = magic === FAT_MAGIC_64;
  const entrySize = wide ? FAT_ARCH_64_SIZE : FAT_ARCH_SIZE;
  const count = head.u32(4, 'nfat_arch');
  if (count === 0) throw new FormatError('Cannot read fat Mach-O file: nfat_arch is 0', 4);
  // The read checks count * entrySize against the file size before anything is allocated.
  const table = new Fields(await source.read(FAT_HEADER_SIZE, count * entrySize, `fat_arch table (${count} entries)`), 'big', FAT_HEADER_SIZE);
  const arches: FatArch[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * entrySize;
    const arch: FatArch = {
      cputype: table.u32(at, 'cputype'),
      cpusubtype: table.u32(at + 4, 'cpusubtype'),
      offset: wide ? table.u64(at + 8, 'offset') : table.u32(at + 8, 'offset'),
      size: wide ? table.u64(at + 16, 'size') : table.u32(at + 12, 'size'),
      align: table.u32(wide ? at + 24 : at + 16, 'align'),
      entryOffset: FAT_HEADER_SIZE + at,
    };
    if (arch.offset < FAT_HEADER_SIZE + count * entrySize || arch.offset + arch.size > source.size) {
      throw new FormatError(
        `Cannot read fat Mach-O slice ${i}: ${hex(arch.size)} bytes at ${hex(arch.offset)} lie outside the file (size ${hex(source.size)}) or overlap the fat header`,
        arch.entryOffset + 8,
      );
    }
    arches.push(arch);
  }
  return arches;
}
