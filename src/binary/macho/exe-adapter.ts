/**
 * The Mach-O side of ExeAdapter, for the shared Go build info / build ID code. Mirrors Go's
 * debug/buildinfo machoExe: build info in section __go_buildinfo, else the first segment mapped
 * read-write (prot == maxprot == rw); virtual reads go through segments, never __PAGEZERO.
 */
import type { ByteSource } from '../byte-source.ts';
import type { Endian } from '../endian.ts';
import type { ExeAdapter, Region } from '../exe.ts';
import { VM_PROT_READ, VM_PROT_WRITE } from './constants.ts';
import type { LoadCommands, MachoSection } from './load-commands.ts';

const RW = VM_PROT_READ | VM_PROT_WRITE;

function clamp(offset: number, size: number, fileSize: number): number {
  return Math.max(0, Math.min(size, fileSize - offset));
}

function sectionRegion(s: MachoSection, fileSize: number): Region {
  return { offset: s.offset, size: clamp(s.offset, s.size, fileSize), vaddr: s.addr };
}

export function machoExeAdapter(source: ByteSource, lc: LoadCommands, endian: Endian, bits: 32 | 64): ExeAdapter {
  return {
    source,
    endian,
    bits,
    async readVirtual(addr, size) {
      for (const seg of lc.segments) {
        if (seg.name === '__PAGEZERO' || seg.filesize === 0) continue;
        if (addr < seg.vmaddr || addr >= seg.vmaddr + BigInt(seg.filesize)) continue;
        const delta = Number(addr - seg.vmaddr);
        const offset = seg.fileoff + delta;
        const n = Math.min(size, seg.filesize - delta, source.size - offset);
        return n > 0 ? source.read(offset, n, 'virtual data') : null;
      }
      return null;
    },
    buildInfoRegions() {
      const section = lc.sections.find((s) => s.name === '__go_buildinfo');
      if (section) return [sectionRegion(section, source.size)];
      const seg = lc.segments.find((s) => s.vmaddr !== 0n && s.filesize !== 0 && s.initprot === RW && s.maxprot === RW);
      if (!seg) return [];
      const memSize = seg.vmsize < BigInt(seg.filesize) ? Number(seg.vmsize) : seg.filesize;
      return [{ offset: seg.fileoff, size: clamp(seg.fileoff, memSize, source.size), vaddr: seg.vmaddr }];
    },
    textRegions() {
      const text = lc.sections.find((s) => s.segment === '__TEXT' && s.name === '__text');
      return text ? [sectionRegion(text, source.size)] : [];
    },
  };
}
