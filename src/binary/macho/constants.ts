/**
 * Mach-O constants, named after Apple's <mach-o/loader.h>, <mach-o/fat.h>, <mach/machine.h>
 * and Go's debug/macho.
 */

export const MH_MAGIC = 0xfeedface;
export const MH_MAGIC_64 = 0xfeedfacf;
export const FAT_MAGIC = 0xcafebabe;
export const FAT_MAGIC_64 = 0xcafebabf;
export const MACH_HEADER_SIZE = 28;
export const MACH_HEADER_64_SIZE = 32;
export const FAT_HEADER_SIZE = 8;
export const FAT_ARCH_SIZE = 20;
export const FAT_ARCH_64_SIZE = 32;
export const LOAD_COMMAND_MIN_SIZE = 8;

export interface CpuInfo {
  name: string;
  /** The name `file` and Apple's tools use (x86_64, arm64…), for display next to `machine`. */
  archName: string;
  goarch: string | null;
}

/** cputype → machine name (as the ELF reader spells it), Apple arch name and Go GOARCH. */
export const CPU_TYPES: ReadonlyMap<number, CpuInfo> = new Map([
  [7, { name: 'i386', archName: 'i386', goarch: '386' }], // CPU_TYPE_X86
  [0x01000007, { name: 'x86-64', archName: 'x86_64', goarch: 'amd64' }], // CPU_TYPE_X86_64
  [12, { name: 'ARM', archName: 'arm', goarch: 'arm' }], // CPU_TYPE_ARM
  [0x0100000c, { name: 'AArch64', archName: 'arm64', goarch: 'arm64' }], // CPU_TYPE_ARM64
  [0x0200000c, { name: 'AArch64 (ILP32)', archName: 'arm64_32', goarch: null }], // CPU_TYPE_ARM64_32
  [18, { name: 'PowerPC', archName: 'ppc', goarch: null }], // CPU_TYPE_POWERPC
  [0x01000012, { name: 'PowerPC64', archName: 'ppc64', goarch: 'ppc64' }], // CPU_TYPE_POWERPC64
]);

/** filetype (MH_*) → name and the shared Kind. */
export const FILE_TYPES: ReadonlyMap<number, { name: string; kind: 'executable' | 'shared-library' | 'object' | 'core' | 'unknown' }> = new Map([
  [0x1, { name: 'MH_OBJECT', kind: 'object' }],
  [0x2, { name: 'MH_EXECUTE', kind: 'executable' }],
  [0x3, { name: 'MH_FVMLIB', kind: 'shared-library' }],
  [0x4, { name: 'MH_CORE', kind: 'core' }],
  [0x5, { name: 'MH_PRELOAD', kind: 'executable' }],
  [0x6, { name: 'MH_DYLIB', kind: 'shared-library' }],
  [0x7, { name: 'MH_DYLINKER', kind: 'shared-library' }],
  [0x8, { name: 'MH_BUNDLE', kind: 'shared-library' }],
  [0x9, { name: 'MH_DYLIB_STUB', kind: 'shared-library' }],
  [0xa, { name: 'MH_DSYM', kind: 'unknown' }],
  [0xb, { name: 'MH_KEXT_BUNDLE', kind: 'shared-library' }],
  [0xc, { name: 'MH_FILESET', kind: 'unknown' }],
]);

// mach_header flags.
export const MH_NOUNDEFS = 0x1;
export const MH_DYLDLINK = 0x4;
export const MH_ALLOW_STACK_EXECUTION = 0x20000;
export const MH_PIE = 0x200000;
export const MH_NO_HEAP_EXECUTION = 0x1000000;

export const HEADER_FLAGS: ReadonlyArray<[number, string]> = [
  [0x1, 'NOUNDEFS'],
  [0x2, 'INCRLINK'],
  [0x4, 'DYLDLINK'],
  [0x8, 'BINDATLOAD'],
  [0x10, 'PREBOUND'],
  [0x80, 'TWOLEVEL'],
  [0x100, 'NOMULTIDEFS'],
  [0x2000, 'SUBSECTIONS_VIA_SYMBOLS'],
  [0x20000, 'ALLOW_STACK_EXECUTION'],
  [0x200000, 'PIE'],
  [0x800000, 'HAS_TLV_DESCRIPTORS'],
  [0x1000000, 'NO_HEAP_EXECUTION'],
];

// Load commands (LC_*). LC_REQ_DYLD (0x80000000) is part of the values that carry it.
export const LC_SEGMENT = 0x1;
export const LC_SYMTAB = 0x2;
export const LC_UNIXTHREAD = 0x5;
export const LC_DYSYMTAB = 0xb;
export const LC_LOAD_DYLIB = 0xc;
export const LC_ID_DYLIB = 0xd;
export const LC_LOAD_DYLINKER = 0xe;
export const LC_SEGMENT_64 = 0x19;
export const LC_UUID = 0x1b;
export const LC_CODE_SIGNATURE = 0x1d;
export const LC_LAZY_LOAD_DYLIB = 0x20;
export const LC_VERSION_MIN_MACOSX = 0x24;
export const LC_VERSION_MIN_IPHONEOS = 0x25;
export const LC_VERSION_MIN_TVOS = 0x2f;
export const LC_VERSION_MIN_WATCHOS = 0x30;
export const LC_BUILD_VERSION = 0x32;
export const LC_LOAD_WEAK_DYLIB = 0x80000018;
export const LC_RPATH = 0x8000001c;
export const LC_REEXPORT_DYLIB = 0x8000001f;
export const LC_LOAD_UPWARD_DYLIB = 0x80000023;
export const LC_MAIN = 0x80000028;

/** Load commands that name a dylib the image needs at load time. */
export const DYLIB_LOAD_COMMANDS: ReadonlySet<number> = new Set([
  LC_LOAD_DYLIB,
  LC_LOAD_WEAK_DYLIB,
  LC_REEXPORT_DYLIB,
  LC_LAZY_LOAD_DYLIB,
  LC_LOAD_UPWARD_DYLIB,
]);

/** LC_VERSION_MIN_* → platform name. */
export const VERSION_MIN_PLATFORMS: ReadonlyMap<number, string> = new Map([
  [LC_VERSION_MIN_MACOSX, 'macos'],
  [LC_VERSION_MIN_IPHONEOS, 'ios'],
  [LC_VERSION_MIN_TVOS, 'tvos'],
  [LC_VERSION_MIN_WATCHOS, 'watchos'],
]);

/** LC_BUILD_VERSION platform (PLATFORM_*) → name. */
export const PLATFORMS: ReadonlyMap<number, string> = new Map([
  [1, 'macos'],
  [2, 'ios'],
  [3, 'tvos'],
  [4, 'watchos'],
  [5, 'bridgeos'],
  [6, 'maccatalyst'],
  [7, 'iossimulator'],
  [8, 'tvossimulator'],
  [9, 'watchossimulator'],
  [10, 'driverkit'],
  [11, 'visionos'],
  [12, 'visionossimulator'],
]);

/** Platforms Go builds with GOOS=ios (device, simulator, and Mac Catalyst via -tags). */
export const IOS_PLATFORMS: ReadonlySet<string> = new Set(['ios', 'iossimulator']);

// VM protections.
export const VM_PROT_READ = 0x1;
export const VM_PROT_WRITE = 0x2;
export const VM_PROT_EXECUTE = 0x4;

// Section type (low byte of flags) and attributes.
export const SECTION_TYPE_MASK = 0xff;
export const SECTION_TYPES: ReadonlyMap<number, string> = new Map([
  [0x0, 'S_REGULAR'],
  [0x1, 'S_ZEROFILL'],
  [0x2, 'S_CSTRING_LITERALS'],
  [0x3, 'S_4BYTE_LITERALS'],
  [0x4, 'S_8BYTE_LITERALS'],
  [0x5, 'S_LITERAL_POINTERS'],
  [0x6, 'S_NON_LAZY_SYMBOL_POINTERS'],
  [0x7, 'S_LAZY_SYMBOL_POINTERS'],
  [0x8, 'S_SYMBOL_STUBS'],
  [0x9, 'S_MOD_INIT_FUNC_POINTERS'],
  [0xa, 'S_MOD_TERM_FUNC_POINTERS'],
  [0xb, 'S_COALESCED'],
  [0xc, 'S_GB_ZEROFILL'],
  [0xd, 'S_INTERPOSING'],
  [0xe, 'S_16BYTE_LITERALS'],
  [0xf, 'S_DTRACE_DOF'],
  [0x10, 'S_LAZY_DYLIB_SYMBOL_POINTERS'],
  [0x11, 'S_THREAD_LOCAL_REGULAR'],
  [0x12, 'S_THREAD_LOCAL_ZEROFILL'],
  [0x13, 'S_THREAD_LOCAL_VARIABLES'],
  [0x14, 'S_THREAD_LOCAL_VARIABLE_POINTERS'],
  [0x15, 'S_THREAD_LOCAL_INIT_FUNCTION_POINTERS'],
  [0x16, 'S_INIT_FUNC_OFFSETS'],
]);
/** Section types that occupy no file bytes. */
export const ZEROFILL_TYPES: ReadonlySet<number> = new Set([0x1, 0xc, 0x12]);

export const SECTION_ATTRIBUTES: ReadonlyArray<[number, string]> = [
  [0x80000000, 'PURE_INSTRUCTIONS'],
  [0x40000000, 'NO_TOC'],
  [0x20000000, 'STRIP_STATIC_SYMS'],
  [0x10000000, 'NO_DEAD_STRIP'],
  [0x08000000, 'LIVE_SUPPORT'],
  [0x04000000, 'SELF_MODIFYING_CODE'],
  [0x02000000, 'DEBUG'],
  [0x00000400, 'SOME_INSTRUCTIONS'],
  [0x00000200, 'EXT_RELOC'],
  [0x00000100, 'LOC_RELOC'],
];

/** Names of the set bits of `value` in `table`. */
export function flagNames(table: ReadonlyArray<[number, string]>, value: number): string[] {
  return table.filter(([bit]) => (value & bit) !== 0).map(([, name]) => name);
}
