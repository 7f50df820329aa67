/** The ELF ExeAdapter: how cross-format features (Go build info) see an ELF file. */
import type { ByteSource } from '../byte-source.ts';
import type { ExeAdapter, Region } from '../exe.ts';
import { PF_W, PF_X, PT_LOAD, SHT_NOBITS } from './constants.ts';
import type { ElfHeader } from './header.ts';
import type { ElfSectionHeader } from './sections.ts';
import { virtualToFile, type ElfProgramHeader } from './segments.ts';

export function elfExeAdapter(source: ByteSource, header: ElfHeader, segments: ElfProgramHeader[], sections: ElfSectionHeader[]): ExeAdapter {
  return {
    source,
    endian: header.endian,
    bits: header.bits,
    async readVirtual(addr, size) {
      const at = virtualToFile(segments, source.size, addr);
      if (!at) return null;
      // Like Go's debug/buildinfo: what the segment holds, possibly less than asked.
      return source.read(at.offset, Math.min(size, at.available), 'virtual address range');
    },
    buildInfoRegions(): Region[] {
      // Go's debug/buildinfo: the .go.buildinfo section, else the first writable, non-executable PT_LOAD.
      const section = sections.find((s) => s.name === '.go.buildinfo');
      if (section) {
        return section.type === SHT_NOBITS ? [] : [{ offset: section.offset, size: section.size, vaddr: section.addr }];
      }
      const load = segments.find((p) => p.type === PT_LOAD && (p.flags & (PF_X | PF_W)) === PF_W);
      return load ? [{ offset: load.offset, size: Math.min(load.filesz, load.memsz), vaddr: load.vaddr }] : [];
    },
    textRegions: () => [],
  };
}
