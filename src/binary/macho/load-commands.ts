/**
 * Mach-O load commands, parsed from the `sizeofcmds` bytes after the header (already read and
 * checked against the file size). Pure: bytes in, facts out; every field access is bounded by
 * its command's cmdsize.
 */
import { Fields, cString } from '../endian.ts';
import { FormatError, hex } from '../errors.ts';
import {
  DYLIB_LOAD_COMMANDS,
  LC_BUILD_VERSION,
  LC_CODE_SIGNATURE,
  LC_DYSYMTAB,
  LC_ID_DYLIB,
  LC_LOAD_DYLINKER,
  LC_MAIN,
  LC_RPATH,
  LC_SEGMENT,
  LC_SEGMENT_64,
  LC_SYMTAB,
  LC_UUID,
  LOAD_COMMAND_MIN_SIZE,
  PLATFORMS,
  VERSION_MIN_PLATFORMS,
} from './constants.ts';
import type { MachHeader } from './header.ts';

export interface MachoSegment {
  name: string;
  vmaddr: bigint;
  vmsize: bigint;
  fileoff: number;
  filesize: number;
  maxprot: number;
  initprot: number;
}

export interface MachoSection {
  name: string;
  segment: string;
  addr: bigint;
  size: number;
  offset: number;
  flags: number;
}

export interface MinOs {
  platform: string;
  version: string;
  sdk: string;
}

export interface LoadCommands {
  segments: MachoSegment[];
  sections: MachoSection[];
  dylibs: string[];
  rpaths: string[];
  dylinker: string | null;
  /** LC_ID_DYLIB: the install name of a dylib. */
  installName: string | null;
  uuid: string | null;
  symtab: { symoff: number; nsyms: number; stroff: number; strsize: number } | null;
  dysymtab: { nlocalsym: number; nextdefsym: number; nundefsym: number } | null;
  minOs: MinOs | null;
  /** LC_MAIN entryoff (file offset of main), when present. */
  entryOffset: number | null;
  codeSignature: boolean;
}

/** xxxx.yy.zz nibble-packed version → "11.0" / "10.15.4". */
function decodeVersion(v: number): string {
  const patch = v & 0xff;
  return `${v >>> 16}.${(v >>> 8) & 0xff}${patch ? `.${patch}` : ''}`;
}

/** `cmds` holds the load commands; `base` is the absolute file offset of cmds[0] (for errors). */
export function parseLoadCommands(cmds: Uint8Array, header: MachHeader, base: number): LoadCommands {
  const out: LoadCommands = {
    segments: [],
    sections: [],
    dylibs: [],
    rpaths: [],
    dylinker: null,
    installName: null,
    uuid: null,
    symtab: null,
    dysymtab: null,
    minOs: null,
    entryOffset: null,
    codeSignature: false,
  };
  let at = 0;
  for (let i = 0; i < header.ncmds; i++) {
    const head = new Fields(cmds, header.endian, base);
    if (at + LOAD_COMMAND_MIN_SIZE > cmds.length) {
      throw new FormatError(`Cannot read Mach-O load command ${i}: past the end of sizeofcmds (${hex(cmds.length)})`, base + at);
    }
    const cmd = head.u32(at, 'cmd');
    const cmdsize = head.u32(at + 4, 'cmdsize');
    if (cmdsize < LOAD_COMMAND_MIN_SIZE || at + cmdsize > cmds.length) {
      throw new FormatError(`Cannot read Mach-O load command ${i} (${hex(cmd)}): cmdsize ${hex(cmdsize)} is invalid or runs past sizeofcmds`, base + at + 4);
    }
    const f = new Fields(cmds.subarray(at, at + cmdsize), header.endian, base + at);
    readCommand(out, cmd, f, i);
    at += cmdsize;
  }
  return out;
}

/** The lc_str at field `field` of a command: an offset from the command's start to a C string inside it. */
function lcStr(f: Fields, field: number, what: string): string {
  const offset = f.u32(field, `${what} name offset`);
  if (offset < field + 4 || offset >= f.bytes.length) {
    throw new FormatError(`Cannot read ${what}: name offset ${hex(offset)} is outside its load command (cmdsize ${hex(f.bytes.length)})`, f.base + field);
  }
  return cString(f.bytes, offset, f.bytes.length - offset);
}

function readCommand(out: LoadCommands, cmd: number, f: Fields, index: number): void {
  if (cmd === LC_SEGMENT || cmd === LC_SEGMENT_64) {
    readSegment(out, f, cmd === LC_SEGMENT_64 ? 64 : 32, index);
  } else if (DYLIB_LOAD_COMMANDS.has(cmd)) {
    out.dylibs.push(lcStr(f, 8, 'dylib load command'));
  } else if (cmd === LC_ID_DYLIB) {
    out.installName = lcStr(f, 8, 'LC_ID_DYLIB');
  } else if (cmd === LC_RPATH) {
    out.rpaths.push(lcStr(f, 8, 'LC_RPATH'));
  } else if (cmd === LC_LOAD_DYLINKER) {
    out.dylinker = lcStr(f, 8, 'LC_LOAD_DYLINKER');
  } else if (cmd === LC_UUID) {
    if (f.bytes.length < 24) throw new FormatError('Cannot read LC_UUID: command is shorter than 24 bytes', f.base);
    out.uuid = formatUuid(f.bytes.subarray(8, 24));
  } else if (cmd === LC_SYMTAB) {
    out.symtab = { symoff: f.u32(8, 'symoff'), nsyms: f.u32(12, 'nsyms'), stroff: f.u32(16, 'stroff'), strsize: f.u32(20, 'strsize') };
  } else if (cmd === LC_DYSYMTAB) {
    out.dysymtab = { nlocalsym: f.u32(12, 'nlocalsym'), nextdefsym: f.u32(20, 'nextdefsym'), nundefsym: f.u32(28, 'nundefsym') };
  } else if (cmd === LC_BUILD_VERSION) {
    const platform = f.u32(8, 'platform');
    // LC_BUILD_VERSION is authoritative: it wins over an LC_VERSION_MIN_* seen earlier.
    out.minOs = {
      platform: PLATFORMS.get(platform) ?? `platform ${platform}`,
      version: decodeVersion(f.u32(12, 'minos')),
      sdk: decodeVersion(f.u32(16, 'sdk')),
    };
  } else if (VERSION_MIN_PLATFORMS.has(cmd)) {
    out.minOs ??= { platform: VERSION_MIN_PLATFORMS.get(cmd)!, version: decodeVersion(f.u32(8, 'version')), sdk: decodeVersion(f.u32(12, 'sdk')) };
  } else if (cmd === LC_MAIN) {
    out.entryOffset = f.u64(8, 'entryoff');
  } else if (cmd === LC_CODE_SIGNATURE) {
    out.codeSignature = true;
  }
}

function readSegment(out: LoadCommands, f: Fields, bits: 32 | 64, index: number): void {
  const wide = bits === 64;
  const fixed = wide ? 72 : 56;
  const sectionSize = wide ? 80 : 68;
  const word = (at: number, what: string): bigint => (wide ? f.u64big(at, what) : BigInt(f.u32(at, what)));
  const name = cString(f.bytes, 8, 16);
  const nsects = f.u32(wide ? 64 : 48, 'nsects');
  // nsects is checked against the command's own size before any section is read.
  if (fixed + nsects * sectionSize > f.bytes.length) {
    throw new FormatError(`Cannot read segment ${name || index}: nsects ${nsects} does not fit in cmdsize ${hex(f.bytes.length)}`, f.base + (wide ? 64 : 48));
  }
  out.segments.push({
    name,
    vmaddr: word(24, 'vmaddr'),
    vmsize: word(wide ? 32 : 28, 'vmsize'),
    fileoff: wide ? f.u64(40, 'fileoff') : f.u32(32, 'fileoff'),
    filesize: wide ? f.u64(48, 'filesize') : f.u32(36, 'filesize'),
    maxprot: f.u32(wide ? 56 : 40, 'maxprot'),
    initprot: f.u32(wide ? 60 : 44, 'initprot'),
  });
  for (let s = 0; s < nsects; s++) {
    const at = fixed + s * sectionSize;
    out.sections.push({
      name: cString(f.bytes, at, 16),
      segment: cString(f.bytes, at + 16, 16),
      addr: word(at + 32, 'section addr'),
      size: wide ? f.u64(at + 40, 'section size') : f.u32(at + 36, 'section size'),
      offset: f.u32(at + (wide ? 48 : 40), 'section offset'),
      flags: f.u32(at + (wide ? 64 : 56), 'section flags'),
    });
  }
}

function formatUuid(b: Uint8Array): string {
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
