/**
 * ELF notes: GNU build ID, Go build ID, GNU ABI tag and the BSD ".ident" notes. Read from
 * SHT_NOTE sections, else from PT_NOTE segments (section headers may be stripped).
 */
import type { ByteSource } from '../byte-source.ts';
import { Fields } from '../endian.ts';
import { FormatError } from '../errors.ts';
import { decodeGoBuildIdNote } from '../goinfo/buildid.ts';
import { ABI_TAG_GOOS, IDENT_NOTE_GOOS, NT_GNU_ABI_TAG, NT_GNU_BUILD_ID, NT_GO_BUILDID, PT_NOTE, SHT_NOTE } from './constants.ts';
import type { ElfHeader } from './header.ts';
import type { ElfSectionHeader } from './sections.ts';
import type { ElfProgramHeader } from './segments.ts';

export interface ElfNote {
  name: string;
  type: number;
  desc: Uint8Array;
  /** File offset of the note header. */
  offset: number;
}

export interface NoteFacts {
  gnuBuildId: string | null;
  goBuildId: string | null;
  /** From NT_GNU_ABI_TAG: OS and minimum kernel, e.g. { goos: 'linux', kernel: '3.2.0' }. */
  abiTag: { goos: string | null; os: number; kernel: string } | null;
  /** GOOS named by a BSD-style ident note (FreeBSD, NetBSD, OpenBSD…). */
  identGoos: string | null;
}

/** Notes are small; a note area larger than this is not one we need to read. */
const MAX_NOTE_AREA = 1 << 20;

/** Shared: constructing a decoder costs more than decoding a note name. */
const utf8 = new TextDecoder();

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** Parses the notes in one note area (bytes at file offset `base`). */
function parseNotes(bytes: Uint8Array, header: ElfHeader, base: number, alignment: number): ElfNote[] {
  const f = new Fields(bytes, header.endian, base);
  const al = alignment === 8 ? (n: number): number => (n + 7) & ~7 : align4;
  const notes: ElfNote[] = [];
  for (let at = 0; at + 12 <= bytes.length; ) {
    const namesz = f.u32(at, 'n_namesz');
    const descsz = f.u32(at + 4, 'n_descsz');
    const type = f.u32(at + 8, 'n_type');
    const nameAt = at + 12;
    // Padding is relative to the area start: 8-byte aligned notes (.note.gnu.property) put desc at 16.
    const descAt = al(nameAt + namesz);
    if (namesz > bytes.length - nameAt || descsz > bytes.length - descAt || descAt > bytes.length) {
      throw new FormatError(`Cannot read ELF note: n_namesz ${namesz} / n_descsz ${descsz} run past the end of the note area`, base + at);
    }
    let nameEnd = nameAt + namesz;
    while (nameEnd > nameAt && bytes[nameEnd - 1] === 0) nameEnd--;
    const name = utf8.decode(bytes.subarray(nameAt, nameEnd));
    notes.push({ name, type, desc: bytes.subarray(descAt, descAt + descsz), offset: base + at });
    at = al(descAt + descsz);
  }
  return notes;
}

/** Every note in the file, from note sections (or PT_NOTE segments when there are no note sections). */
export async function readNotes(source: ByteSource, header: ElfHeader, sections: ElfSectionHeader[], segments: ElfProgramHeader[], warnings: string[]): Promise<ElfNote[]> {
  const areas: { offset: number; size: number; align: number; ref: number; what: string }[] = [];
  const noteSections = sections.filter((s) => s.type === SHT_NOTE);
  if (noteSections.length > 0) {
    for (const s of noteSections) areas.push({ offset: s.offset, size: s.size, align: s.addralign, ref: s.headerOffset, what: `note section ${s.name}` });
  } else {
    for (const p of segments.filter((p) => p.type === PT_NOTE)) areas.push({ offset: p.offset, size: p.filesz, align: p.align, ref: p.headerOffset, what: 'note segment' });
  }
  const notes: ElfNote[] = [];
  for (const area of areas) {
    if (area.size === 0) continue;
    if (area.size > MAX_NOTE_AREA) {
      warnings.push(`Skipped ${area.what}: ${area.size} bytes is more than notes need`);
      continue;
    }
    if (area.offset > source.size || area.size > source.size - area.offset) {
      throw new FormatError(`Cannot read ${area.what}: ${area.size} bytes at ${area.offset} run past end of file`, area.ref);
    }
    const bytes = await source.read(area.offset, area.size, area.what);
    notes.push(...parseNotes(bytes, header, area.offset, area.align));
  }
  return notes;
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** The facts gocross reports from notes. */
export function noteFacts(notes: ElfNote[], header: ElfHeader): NoteFacts {
  const facts: NoteFacts = { gnuBuildId: null, goBuildId: null, abiTag: null, identGoos: null };
  for (const n of notes) {
    if (n.name === 'GNU' && n.type === NT_GNU_BUILD_ID) facts.gnuBuildId ??= toHex(n.desc);
    else if (n.name === 'Go' && n.type === NT_GO_BUILDID) facts.goBuildId ??= decodeGoBuildIdNote(n.desc);
    else if (n.name === 'GNU' && n.type === NT_GNU_ABI_TAG && n.desc.length >= 16) {
      const f = new Fields(n.desc, header.endian, n.offset);
      const os = f.u32(0, 'ABI tag OS');
      facts.abiTag = { goos: ABI_TAG_GOOS.get(os) ?? null, os, kernel: `${f.u32(4)}.${f.u32(8)}.${f.u32(12)}` };
    } else if (n.type === 1 && IDENT_NOTE_GOOS.has(n.name)) facts.identGoos ??= IDENT_NOTE_GOOS.get(n.name)!;
  }
  return facts;
}
