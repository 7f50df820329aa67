/**
 * The PE side of ExeAdapter, so Go build info and the Go build ID are read by the shared goinfo
 * code. Mirrors Go's debug/buildinfo peExe: virtual addresses include ImageBase; build info lives
 * in the first initialized, read-write data section.
 */
import type { ByteSource } from '../byte-source.ts';
import type { ExeAdapter, Region } from '../exe.ts';
import { SCN_ALIGN_32BYTES, SCN_CNT_CODE, SCN_CNT_INITIALIZED_DATA, SCN_MEM_EXECUTE, SCN_MEM_READ, SCN_MEM_WRITE } from './constants.ts';
import type { PeHeaders, PeSection } from './headers.ts';
import { rvaToFile } from './rva.ts';

// `>>> 0`: bit 31 (MEM_WRITE) makes JS bitwise results negative.
const DATA = (SCN_CNT_INITIALIZED_DATA | SCN_MEM_READ | SCN_MEM_WRITE) >>> 0;

function region(headers: PeHeaders, s: PeSection, fileSize: number): Region {
  const imageBase = headers.optional?.imageBase ?? 0n;
  // VirtualSize is the loaded size; SizeOfRawData (rounded up to FileAlignment) is what the file holds.
  const inMemory = s.virtualSize === 0 ? s.sizeOfRawData : Math.min(s.virtualSize, s.sizeOfRawData);
  const size = Math.max(0, Math.min(inMemory, fileSize - s.pointerToRawData));
  return { offset: s.pointerToRawData, size, vaddr: imageBase + BigInt(s.virtualAddress) };
}

export function peExeAdapter(source: ByteSource, headers: PeHeaders): ExeAdapter {
  const imageBase = headers.optional?.imageBase ?? 0n;
  return {
    source,
    endian: 'little',
    bits: headers.optional ? (headers.optional.pe32plus ? 64 : 32) : 32,
    async readVirtual(addr, size) {
      const rva = addr - imageBase;
      if (rva < 0n || rva > 0xffffffffn || size < 0) return null;
      const span = rvaToFile(headers, Number(rva), source.size);
      if (!span) return null;
      return source.read(span.offset, Math.min(size, span.available), 'virtual data');
    },
    buildInfoRegions() {
      const s = headers.sections.find(
        (x) => x.virtualAddress !== 0 && x.sizeOfRawData !== 0 && (x.characteristics & ~SCN_ALIGN_32BYTES) >>> 0 === DATA,
      );
      return s ? [region(headers, s, source.size)] : [];
    },
    textRegions() {
      const s = headers.sections.find((x) => x.sizeOfRawData !== 0 && (x.characteristics & (SCN_CNT_CODE | SCN_MEM_EXECUTE)) !== 0);
      return s ? [region(headers, s, source.size)] : [];
    },
  };
}
