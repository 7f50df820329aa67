/**
 * Test helpers: assemble Mach-O bytes — a fat file from thin ones (as lipo does), and small thin
 * files of any byte order and width from load commands, for cases no toolchain here can build
 * (big-endian PowerPC, 32-bit ARM, iOS). Used by tests only.
 */
import type { Endian } from '../endian.ts';

export function fatFile(thins: Uint8Array[], opts: { wide?: boolean; align?: number } = {}): Uint8Array {
  const wide = opts.wide ?? false;
  const align = opts.align ?? 12;
  const page = 2 ** align;
  const entry = wide ? 32 : 20;
  let offset = Math.ceil((8 + thins.length * entry) / page) * page;
  const offsets = thins.map((t) => {
    const at = offset;
    offset = Math.ceil((at + t.length) / page) * page;
    return at;
  });
  const out = new Uint8Array(offsets.at(-1)! + thins.at(-1)!.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, wide ? 0xcafebabf : 0xcafebabe);
  view.setUint32(4, thins.length);
  thins.forEach((thin, i) => {
    const slice = new DataView(thin.buffer, thin.byteOffset, thin.byteLength);
    const little = slice.getUint32(0, true) === 0xfeedface || slice.getUint32(0, true) === 0xfeedfacf;
    const at = 8 + i * entry;
    view.setUint32(at, slice.getUint32(4, little));
    view.setUint32(at + 4, slice.getUint32(8, little));
    if (wide) {
      view.setBigUint64(at + 8, BigInt(offsets[i]!));
      view.setBigUint64(at + 16, BigInt(thin.length));
      view.setUint32(at + 24, align);
    } else {
      view.setUint32(at + 8, offsets[i]!);
      view.setUint32(at + 12, thin.length);
      view.setUint32(at + 16, align);
    }
    out.set(thin, offsets[i]!);
  });
  return out;
}

/** A little field writer in one byte order. */
class Writer {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly little: boolean;
  constructor(size: number, endian: Endian) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
    this.little = endian === 'little';
  }
  u32(at: number, v: number): this {
    this.view.setUint32(at, v >>> 0, this.little);
    return this;
  }
  u64(at: number, v: bigint | number): this {
    this.view.setBigUint64(at, BigInt(v), this.little);
    return this;
  }
  str(at: number, s: string): this {
    this.bytes.set(new TextEncoder().encode(s), at);
    return this;
  }
}

export interface SyntheticSection {
  name: string;
  segment: string;
  addr: number;
  size: number;
  offset: number;
  flags?: number;
}

export type SyntheticCommand =
  | { kind: 'segment'; name: string; vmaddr: number; vmsize: number; fileoff: number; filesize: number; prot: number; sections?: SyntheticSection[] }
  | { kind: 'string'; cmd: number; value: string; fixed: number }
  | { kind: 'raw'; cmd: number; words: readonly number[] };

export interface SyntheticMacho {
  endian: Endian;
  bits: 32 | 64;
  cputype: number;
  filetype?: number;
  flags?: number;
  commands: SyntheticCommand[];
  /** Total file size (content after the load commands is zero). */
  size?: number;
}

function encodeCommand(c: SyntheticCommand, bits: 32 | 64, endian: Endian): Uint8Array {
  const pad = (n: number): number => Math.ceil(n / (bits === 64 ? 8 : 4)) * (bits === 64 ? 8 : 4);
  if (c.kind === 'raw') {
    const w = new Writer(8 + c.words.length * 4, endian).u32(0, c.cmd).u32(4, 8 + c.words.length * 4);
    c.words.forEach((v, i) => w.u32(8 + i * 4, v));
    return w.bytes;
  }
  if (c.kind === 'string') {
    const size = pad(c.fixed + c.value.length + 1);
    return new Writer(size, endian).u32(0, c.cmd).u32(4, size).u32(8, c.fixed).str(c.fixed, c.value).bytes;
  }
  const wide = bits === 64;
  const sections = c.sections ?? [];
  const fixed = wide ? 72 : 56;
  const sectionSize = wide ? 80 : 68;
  const size = fixed + sections.length * sectionSize;
  const w = new Writer(size, endian).u32(0, wide ? 0x19 : 0x1).u32(4, size).str(8, c.name);
  if (wide) w.u64(24, c.vmaddr).u64(32, c.vmsize).u64(40, c.fileoff).u64(48, c.filesize).u32(56, c.prot).u32(60, c.prot).u32(64, sections.length);
  else w.u32(24, c.vmaddr).u32(28, c.vmsize).u32(32, c.fileoff).u32(36, c.filesize).u32(40, c.prot).u32(44, c.prot).u32(48, sections.length);
  sections.forEach((s, i) => {
    const at = fixed + i * sectionSize;
    w.str(at, s.name).str(at + 16, s.segment);
    if (wide) w.u64(at + 32, s.addr).u64(at + 40, s.size).u32(at + 48, s.offset).u32(at + 64, s.flags ?? 0);
    else w.u32(at + 32, s.addr).u32(at + 36, s.size).u32(at + 40, s.offset).u32(at + 56, s.flags ?? 0);
  });
  return w.bytes;
}

export function thinFile(m: SyntheticMacho): Uint8Array {
  const header = m.bits === 64 ? 32 : 28;
  const cmds = m.commands.map((c) => encodeCommand(c, m.bits, m.endian));
  const sizeofcmds = cmds.reduce((n, c) => n + c.length, 0);
  const w = new Writer(Math.max(m.size ?? 0, header + sizeofcmds), m.endian);
  w.u32(0, m.bits === 64 ? 0xfeedfacf : 0xfeedface)
    .u32(4, m.cputype)
    .u32(8, 0)
    .u32(12, m.filetype ?? 2)
    .u32(16, cmds.length)
    .u32(20, sizeofcmds)
    .u32(24, m.flags ?? 0);
  let at = header;
  for (const c of cmds) {
    w.bytes.set(c, at);
    at += c.length;
  }
  return w.bytes;
}
