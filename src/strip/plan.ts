/**
 * The strip plan: from the raw layout, the sections to remove and a few section contents, decide
 * the output file as a list of pieces (copy a range of the input, or write new bytes). Pure.
 *
 * Everything the loader sees stays where it is: the file header, the program headers and every
 * byte up to the end of the last segment or allocated section (the "fixed prefix") are copied
 * as they are; only e_shoff/e_shnum/e_shstrndx change. Non-allocated sections after the prefix
 * are laid out again without the removed ones, then a new .shstrtab and the section header table.
 */
import { FormatError } from '../binary/errors.ts';
import { StripRefusedError } from './errors.ts';
import { buildMergedStrtab, rewriteSymtab } from './symtab-rewrite.ts';
import {
  fileBytes,
  SHF_ALLOC,
  SHF_INFO_LINK,
  SHN_LORESERVE,
  SHN_XINDEX,
  SHT_DYNSYM,
  SHT_NOBITS,
  SHT_REL,
  SHT_RELA,
  SHT_STRTAB,
  SHT_SYMTAB,
  PT_LOAD,
  type ElfLayout,
  type ElfSectionHeader,
} from './elf-layout.ts';

export type Piece = { kind: 'copy'; from: number; length: number } | { kind: 'bytes'; data: Uint8Array };

export interface StripPlan {
  /** Names of the removed sections, in index order. */
  removed: string[];
  /** True when nothing is removed: the output is the input, byte for byte. */
  unchanged: boolean;
  pieces: Piece[];
  outputSize: number;
}

/** Sections whose bytes buildStripPlan needs: kept symbol tables (to check or remap) and the static one's strings. */
export function contentsNeeded(layout: ElfLayout, removed: ReadonlySet<number>): number[] {
  if (removed.size === 0) return [];
  const need = new Set<number>();
  for (const s of layout.sections) {
    if (removed.has(s.index) || s.size === 0 || (s.type !== SHT_SYMTAB && s.type !== SHT_DYNSYM)) continue;
    need.add(s.index);
    const strings = layout.sections[s.link];
    if (s.type === SHT_SYMTAB && strings && strings.type === SHT_STRTAB && !removed.has(strings.index)) need.add(strings.index);
  }
  return [...need];
}

/** The string table serves this symbol table alone, so it can be rebuilt. */
function ownStrtab(layout: ElfLayout, symtab: ElfSectionHeader, removed: ReadonlySet<number>): ElfSectionHeader | null {
  const strtab = layout.sections[symtab.link];
  if (!strtab || strtab.type !== SHT_STRTAB || (strtab.flags & SHF_ALLOC) !== 0 || strtab.index === layout.shstrndx) return null;
  const shared = layout.sections.some((o) => o.index !== symtab.index && !removed.has(o.index) && o.link === strtab.index);
  return shared ? null : strtab;
}

function align(n: number, a: number): number {
  return a > 1 ? Math.ceil(n / a) * a : n;
}

function writeSectionHeader(layout: ElfLayout, view: DataView, at: number, s: ElfSectionHeader): void {
  const le = layout.endian === 'little';
  if (layout.bits === 64) {
    view.setUint32(at, s.nameOffset, le);
    view.setUint32(at + 4, s.type, le);
    view.setBigUint64(at + 8, s.flagsRaw, le);
    view.setBigUint64(at + 16, s.addr, le);
    view.setBigUint64(at + 24, BigInt(s.offset), le);
    view.setBigUint64(at + 32, BigInt(s.size), le);
    view.setUint32(at + 40, s.link, le);
    view.setUint32(at + 44, s.info, le);
    view.setBigUint64(at + 48, BigInt(s.addralign), le);
    view.setBigUint64(at + 56, BigInt(s.entsize), le);
  } else {
    view.setUint32(at, s.nameOffset, le);
    view.setUint32(at + 4, s.type, le);
    view.setUint32(at + 8, Number(s.flagsRaw & 0xffffffffn), le);
    view.setUint32(at + 12, Number(s.addr & 0xffffffffn), le);
    view.setUint32(at + 16, s.offset, le);
    view.setUint32(at + 20, s.size, le);
    view.setUint32(at + 24, s.link, le);
    view.setUint32(at + 28, s.info, le);
    view.setUint32(at + 32, s.addralign, le);
    view.setUint32(at + 36, s.entsize, le);
  }
}

/** End of the bytes the loader can see: headers, segments and allocated sections. */
function fixedPrefixEnd(layout: ElfLayout, removed: ReadonlySet<number>): number {
  let end = Math.max(layout.ehsize, layout.phoff + layout.programHeaders.length * layout.phentsize);
  for (const p of layout.programHeaders) end = Math.max(end, p.offset + p.filesz);
  for (const s of layout.sections) {
    if ((s.flags & SHF_ALLOC) !== 0 && s.type !== SHT_NOBITS) end = Math.max(end, s.offset + s.size);
  }
  return growOverKept(layout, removed, end);
}

/** Kept sections that start inside the prefix stay where they are, so the prefix grows to hold them. */
function growOverKept(layout: ElfLayout, removed: ReadonlySet<number>, start: number): number {
  let end = start;
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of layout.sections) {
      if (removed.has(s.index) || fileBytes(s) === 0) continue;
      if (s.offset < end && s.offset + s.size > end) {
        end = s.offset + s.size;
        grew = true;
      }
    }
  }
  return end;
}

/**
 * Where the prefix could end if the bss-bearing PT_LOAD segments that end it gave up their trailing
 * file bytes that no section covers (alignment padding before .bss). binutils does the same: when
 * those bytes are zero the kernel's zero fill puts back exactly what was cut, so memory is identical.
 */
function trimmableEnd(layout: ElfLayout, removed: ReadonlySet<number>, prefixEnd: number): number {
  let end = Math.max(layout.ehsize, layout.phoff + layout.programHeaders.length * layout.phentsize);
  for (const s of layout.sections) {
    if ((s.flags & SHF_ALLOC) !== 0 && s.type !== SHT_NOBITS) end = Math.max(end, s.offset + s.size);
  }
  for (const p of layout.programHeaders) {
    const pEnd = p.offset + p.filesz;
    const trimmable = p.type === PT_LOAD && p.memsz > p.filesz;
    if (!trimmable || p.filesz === 0) end = Math.max(end, pEnd);
  }
  end = growOverKept(layout, removed, end);
  for (const p of layout.programHeaders) {
    if (p.filesz > 0 && p.offset + p.filesz > end && p.offset > end) return prefixEnd;
  }
  return Math.min(end, prefixEnd);
}

/** The file range strip needs to see to decide whether segment padding can be trimmed (empty when nothing to check). */
export function paddingRange(layout: ElfLayout, removed: ReadonlySet<number>): { offset: number; length: number } | null {
  if (removed.size === 0) return null;
  const prefixEnd = fixedPrefixEnd(layout, removed);
  const end = trimmableEnd(layout, removed, prefixEnd);
  return end < prefixEnd ? { offset: end, length: prefixEnd - end } : null;
}

function writeProgramHeaderFileSize(layout: ElfLayout, table: Uint8Array, index: number, fileSize: number): void {
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const le = layout.endian === 'little';
  const at = index * layout.phentsize;
  if (layout.bits === 64) view.setBigUint64(at + 32, BigInt(fileSize), le);
  else view.setUint32(at + 16, fileSize, le);
}

export interface PlanInputs {
  /** The first e_ehsize bytes. */
  header: Uint8Array;
  /** The program header table (e_phnum * e_phentsize bytes at e_phoff). */
  programHeaderTable: Uint8Array;
  /** Bytes of paddingRange(), when it named one. */
  padding: Uint8Array | null;
  /** Bytes of the sections contentsNeeded() named. */
  contents: ReadonlyMap<number, Uint8Array>;
  /** Drop STT_FILE symbols from a kept .symtab (strip --strip-debug semantics). */
  dropFileSymbols?: boolean;
}

/**
 * Decides the output from the layout, the sections to remove and the few bytes it needs.
 * Throws StripRefusedError when the result could not load exactly as before.
 */
export function buildStripPlan(layout: ElfLayout, removed: ReadonlySet<number>, inputs: PlanInputs): StripPlan {
  const { header, contents } = inputs;
  const { sections } = layout;
  if (removed.size === 0) {
    return { removed: [], unchanged: true, pieces: [{ kind: 'copy', from: 0, length: layout.fileSize }], outputSize: layout.fileSize };
  }
  for (const i of removed) {
    const s = sections[i];
    if (!s || i === 0 || (s.flags & SHF_ALLOC) !== 0) throw new StripRefusedError(`Cannot strip: section ${i} is loaded at run time and cannot be removed`);
    if (i === layout.shstrndx) throw new StripRefusedError('Cannot strip: the section name table itself would be removed');
  }
  const newIndex = new Int32Array(sections.length).fill(-1);
  let next = 0;
  for (const s of sections) if (!removed.has(s.index)) newIndex[s.index] = next++;
  const remap = (i: number): number => (i === 0 ? 0 : (newIndex[i] ?? -1) < 0 ? 0 : newIndex[i]!);

  const kept = sections.filter((s) => !removed.has(s.index)).map((s) => ({ ...s }));
  const rewritten = new Map<number, Uint8Array>();
  for (const s of kept) {
    const bytes = contents.get(s.index);
    if (!bytes) continue;
    if (s.type === SHT_DYNSYM) {
      // .dynsym is loaded: its section indexes must stay valid without changing a byte.
      const r = rewriteSymtab(layout, s, bytes, newIndex, { dropFileSymbols: false, strings: null });
      if (r.dropped > 0 || !equalBytes(r.data, bytes)) {
        throw new StripRefusedError(`Cannot strip: the loaded symbol table ${s.name || '.dynsym'} refers to sections whose indexes would change`);
      }
    } else if (s.type === SHT_SYMTAB) {
      // Relocations index this table: then no symbol may go, and indexes are only remapped.
      const relocated = sections.some((o) => !removed.has(o.index) && (o.type === SHT_REL || o.type === SHT_RELA) && o.link === s.index);
      const strtab = relocated ? null : ownStrtab(layout, s, removed);
      const strings = strtab ? (contents.get(strtab.index) ?? null) : null;
      const r = rewriteSymtab(layout, s, bytes, newIndex, { dropFileSymbols: Boolean(inputs.dropFileSymbols) && !relocated, strings });
      if (r.dropped > 0 && relocated) throw new StripRefusedError(`Cannot strip: relocations refer to symbols of ${s.name} that would be removed`);
      if (!equalBytes(r.data, bytes)) {
        rewritten.set(s.index, r.data);
        s.info = r.info;
        s.size = r.data.length;
      }
      const keptStrtab = strtab ? kept.find((k) => k.index === strtab.index) : undefined;
      if (keptStrtab && r.strtab) {
        rewritten.set(keptStrtab.index, r.strtab);
        keptStrtab.size = r.strtab.length;
      }
    }
  }
  if (kept.length >= SHN_LORESERVE && sections.some((s) => s.type === SHT_SYMTAB || s.type === SHT_DYNSYM)) {
    // Symbol tables would need .symtab_shndx rewriting; no Go binary comes close.
    throw new StripRefusedError(`Cannot strip: ${kept.length} sections need extended section indexes`);
  }

  // Rebuild .shstrtab unless another kept section uses it as its string table.
  const shstr = kept.find((s) => s.index === layout.shstrndx);
  const shstrShared = kept.some((s) => s.index !== 0 && s.index !== layout.shstrndx && s.link === layout.shstrndx && s.type !== SHT_STRTAB);
  if (shstr && !shstrShared) {
    const table = buildMergedStrtab(kept.filter((s) => s.index !== 0).map((s) => s.name));
    for (const s of kept) if (s.index !== 0) s.nameOffset = table.offsets.get(s.name) ?? 0;
    rewritten.set(shstr.index, table.data);
    shstr.size = table.data.length;
  }

  let prefixEnd = fixedPrefixEnd(layout, removed);
  const phdrs = inputs.programHeaderTable.slice();
  let phdrsChanged = false;
  const trimTo = trimmableEnd(layout, removed, prefixEnd);
  const pad = inputs.padding;
  if (trimTo < prefixEnd && pad && pad.length === prefixEnd - trimTo && pad.every((b) => b === 0)) {
    for (const p of layout.programHeaders) {
      if (p.type === PT_LOAD && p.offset + p.filesz > trimTo && p.memsz > p.filesz) {
        writeProgramHeaderFileSize(layout, phdrs, p.index, trimTo - p.offset);
        phdrsChanged = true;
      }
    }
    prefixEnd = trimTo;
  }
  if (prefixEnd > layout.fileSize) throw new FormatError('Cannot strip: segments run past end of file', layout.phoff);
  // Non-alloc kept sections after the prefix, and every rewritten one, go to the tail in file order.
  const tail = kept
    .filter((s) => s.index !== 0 && s.type !== SHT_NOBITS && (rewritten.has(s.index) || s.offset >= prefixEnd))
    .sort((a, b) => a.offset - b.offset || a.index - b.index);
  const pieces: Piece[] = [];
  const patchedHeader = header.slice(0, layout.ehsize);
  pieces.push({ kind: 'bytes', data: patchedHeader });
  const phEnd = layout.phoff + phdrs.length;
  if (phdrsChanged && layout.phoff >= layout.ehsize && phEnd <= prefixEnd) {
    if (layout.phoff > layout.ehsize) pieces.push({ kind: 'copy', from: layout.ehsize, length: layout.phoff - layout.ehsize });
    pieces.push({ kind: 'bytes', data: phdrs });
    if (prefixEnd > phEnd) pieces.push({ kind: 'copy', from: phEnd, length: prefixEnd - phEnd });
  } else if (prefixEnd > layout.ehsize) {
    pieces.push({ kind: 'copy', from: layout.ehsize, length: prefixEnd - layout.ehsize });
  }
  let pos = prefixEnd;
  for (const s of tail) {
    const at = align(pos, s.addralign);
    if (at > pos) pieces.push({ kind: 'bytes', data: new Uint8Array(at - pos) });
    const data = rewritten.get(s.index);
    pieces.push(data ? { kind: 'bytes', data } : { kind: 'copy', from: s.offset, length: s.size });
    s.offset = at;
    pos = at + s.size;
  }
  for (const s of kept) {
    s.link = s.link !== 0 && s.link < sections.length ? remap(s.link) : s.link;
    if ((s.type === SHT_REL || s.type === SHT_RELA || (s.flags & SHF_INFO_LINK) !== 0) && s.info !== 0 && s.info < sections.length) s.info = remap(s.info);
  }
  const entsize = layout.bits === 64 ? 64 : 40;
  const shoff = align(pos, layout.bits === 64 ? 8 : 4);
  if (shoff > pos) pieces.push({ kind: 'bytes', data: new Uint8Array(shoff - pos) });
  const table = new Uint8Array(kept.length * entsize);
  const view = new DataView(table.buffer);
  const newShstrndx = remap(layout.shstrndx);
  const s0 = kept[0];
  if (s0) {
    // Extended numbering lives in section header 0.
    s0.size = kept.length >= SHN_LORESERVE ? kept.length : 0;
    s0.link = newShstrndx >= SHN_LORESERVE ? newShstrndx : 0;
  }
  kept.forEach((s, i) => writeSectionHeader(layout, view, i * entsize, s));
  pieces.push({ kind: 'bytes', data: table });

  patchHeader(layout, patchedHeader, shoff, kept.length, newShstrndx, entsize);
  return {
    removed: sections.filter((s) => removed.has(s.index)).map((s) => s.name),
    unchanged: false,
    pieces,
    outputSize: shoff + table.length,
  };
}

function patchHeader(layout: ElfLayout, header: Uint8Array, shoff: number, shnum: number, shstrndx: number, entsize: number): void {
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const le = layout.endian === 'little';
  const w = layout.bits === 64 ? 8 : 4;
  if (layout.bits === 64) view.setBigUint64(24 + 2 * w, BigInt(shoff), le);
  else view.setUint32(24 + 2 * w, shoff, le);
  const base = 24 + 3 * w + 4;
  view.setUint16(base + 6, entsize, le);
  view.setUint16(base + 8, shnum >= SHN_LORESERVE ? 0 : shnum, le);
  view.setUint16(base + 10, shstrndx >= SHN_LORESERVE ? SHN_XINDEX : shstrndx, le);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
