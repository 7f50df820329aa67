/**
 * An ExeAdapter over the raw ELF layout, so Go build info (src/binary/goinfo) can be read from
 * any ELF the stripper or `gocross size` handles, before or after stripping.
 */
import type { ByteSource } from '../binary/byte-source.ts';
import type { ExeAdapter, Region } from '../binary/exe.ts';
import { readGoBuildInfo } from '../binary/goinfo/buildinfo.ts';
import type { GoBuildInfo } from '../binary/types.ts';
import { PT_LOAD, SHT_NOBITS, type ElfLayout } from './elf-layout.ts';

const PF_X = 1;
const PF_W = 2;

export function elfExeAdapter(source: ByteSource, layout: ElfLayout): ExeAdapter {
  const loads = layout.programHeaders.filter((p) => p.type === PT_LOAD);
  return {
    source,
    endian: layout.endian,
    bits: layout.bits,
    async readVirtual(addr, size) {
      for (const p of loads) {
        if (addr >= p.vaddr && addr + BigInt(size) <= p.vaddr + BigInt(p.fileSize)) {
          return source.read(p.offset + Number(addr - p.vaddr), size, 'virtual address range');
        }
      }
      return null;
    },
    buildInfoRegions(): Region[] {
      const section = layout.sections.find((s) => s.name === '.go.buildinfo' && s.type !== SHT_NOBITS);
      if (section) return [{ offset: section.offset, size: section.size, vaddr: section.addr }];
      const data = loads.find((p) => (p.flags & (PF_X | PF_W)) === PF_W);
      return data ? [{ offset: data.offset, size: data.fileSize, vaddr: data.vaddr }] : [];
    },
    textRegions: () => [],
  };
}

/** Go build info of an ELF file, or null when it is not a Go binary. */
export async function readElfGoBuildInfo(source: ByteSource, layout: ElfLayout): Promise<GoBuildInfo | null> {
  return readGoBuildInfo(elfExeAdapter(source, layout));
}
