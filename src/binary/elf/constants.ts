/**
 * ELF constants and name tables, named after the spec (System V gABI, Linux elf.h, binutils).
 * Parsing logic lives elsewhere; this file is data.
 */

export const ELFCLASS32 = 1;
export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const ELFDATA2MSB = 2;

export const ET_NONE = 0;
export const ET_REL = 1;
export const ET_EXEC = 2;
export const ET_DYN = 3;
export const ET_CORE = 4;

export const EM_386 = 3;
export const EM_MIPS = 8;
export const EM_PPC = 20;
export const EM_PPC64 = 21;
export const EM_S390 = 22;
export const EM_ARM = 40;
export const EM_X86_64 = 62;
export const EM_AARCH64 = 183;
export const EM_RISCV = 243;
export const EM_LOONGARCH = 258;

export const ELFOSABI_NONE = 0;
export const ELFOSABI_LINUX = 3; // also "GNU"
export const ELFOSABI_FREEBSD = 9;

export const PT_NULL = 0;
export const PT_LOAD = 1;
export const PT_DYNAMIC = 2;
export const PT_INTERP = 3;
export const PT_NOTE = 4;
export const PT_SHLIB = 5;
export const PT_PHDR = 6;
export const PT_TLS = 7;
export const PT_GNU_EH_FRAME = 0x6474e550;
export const PT_GNU_STACK = 0x6474e551;
export const PT_GNU_RELRO = 0x6474e552;
export const PT_GNU_PROPERTY = 0x6474e553;

export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

export const SHN_UNDEF = 0;
export const SHN_LORESERVE = 0xff00;
export const SHN_ABS = 0xfff1;
export const SHN_COMMON = 0xfff2;
export const SHN_XINDEX = 0xffff;
export const PN_XNUM = 0xffff;

export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_HASH = 5;
export const SHT_DYNAMIC = 6;
export const SHT_NOTE = 7;
export const SHT_NOBITS = 8;
export const SHT_REL = 9;
export const SHT_DYNSYM = 11;
export const SHT_GNU_VERNEED = 0x6ffffffe;
export const SHT_GNU_VERSYM = 0x6fffffff;

export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
export const SHF_MERGE = 0x10;
export const SHF_STRINGS = 0x20;
export const SHF_INFO_LINK = 0x40;
export const SHF_TLS = 0x400;
export const SHF_COMPRESSED = 0x800;

export const DT_NULL = 0;
export const DT_NEEDED = 1;
export const DT_STRTAB = 5;
export const DT_SYMTAB = 6;
export const DT_STRSZ = 10;
export const DT_SONAME = 14;
export const DT_RPATH = 15;
export const DT_DEBUG = 21;
export const DT_BIND_NOW = 24;
export const DT_RUNPATH = 29;
export const DT_FLAGS = 30;
export const DT_VERSYM = 0x6ffffff0;
export const DT_FLAGS_1 = 0x6ffffffb;
export const DT_VERNEED = 0x6ffffffe;
export const DT_VERNEEDNUM = 0x6fffffff;

export const DF_BIND_NOW = 0x8;
export const DF_1_NOW = 0x1;
export const DF_1_PIE = 0x08000000;

export const NT_GNU_ABI_TAG = 1;
export const NT_GNU_BUILD_ID = 3;
export const NT_GO_BUILDID = 4;
export const NT_GNU_PROPERTY_TYPE_0 = 5;

/** pr_type values of NT_GNU_PROPERTY_TYPE_0 (x86-64 psABI, AArch64 ELF ABI). */
export const GNU_PROPERTY_X86_FEATURE_1_AND = 0xc0000002;
export const GNU_PROPERTY_X86_ISA_1_NEEDED = 0xc0008002;
export const GNU_PROPERTY_AARCH64_FEATURE_1_AND = 0xc0000000;
/** Bits of GNU_PROPERTY_X86_ISA_1_NEEDED, in readelf's words. */
export const GNU_PROPERTY_X86_ISA_1_NAMES: ReadonlyArray<readonly [number, string]> = [
  [0x1, 'x86-64-baseline'],
  [0x2, 'x86-64-v2'],
  [0x4, 'x86-64-v3'],
  [0x8, 'x86-64-v4'],
];
/** Bits of GNU_PROPERTY_X86_FEATURE_1_AND. */
export const GNU_PROPERTY_X86_FEATURE_1_NAMES: ReadonlyArray<readonly [number, string]> = [
  [0x1, 'IBT'],
  [0x2, 'SHSTK'],
];
/** Bits of GNU_PROPERTY_AARCH64_FEATURE_1_AND. */
export const GNU_PROPERTY_AARCH64_FEATURE_1_NAMES: ReadonlyArray<readonly [number, string]> = [
  [0x1, 'BTI'],
  [0x2, 'PAC'],
  [0x4, 'GCS'],
];

/**
 * glibc functions with a fortified `__<name>_chk` variant (the `__*_chk` exports of glibc 2.36
 * less __stack_chk_fail): checksec counts a binary's calls to these as "fortifiable".
 */
export const FORTIFIABLE_FUNCTIONS: ReadonlySet<string> = new Set([
  'asprintf', 'confstr', 'dprintf', 'explicit_bzero', 'fdelt', 'fgets', 'fgets_unlocked', 'fgetws', 'fgetws_unlocked',
  'fprintf', 'fread', 'fread_unlocked', 'fwprintf', 'getcwd', 'getdomainname', 'getgroups', 'gethostname', 'getlogin_r',
  'gets', 'getwd', 'longjmp', 'mbsnrtowcs', 'mbsrtowcs', 'mbstowcs', 'memcpy', 'memmove', 'mempcpy', 'memset',
  'obstack_printf', 'obstack_vprintf', 'poll', 'ppoll', 'pread64', 'pread', 'printf', 'ptsname_r', 'read', 'readlink',
  'readlinkat', 'realpath', 'recv', 'recvfrom', 'snprintf', 'sprintf', 'stpcpy', 'stpncpy', 'strcat', 'strcpy',
  'strncat', 'strncpy', 'swprintf', 'syslog', 'ttyname_r', 'vasprintf', 'vdprintf', 'vfprintf', 'vfwprintf', 'vprintf',
  'vsnprintf', 'vsprintf', 'vswprintf', 'vsyslog', 'vwprintf', 'wcpcpy', 'wcpncpy', 'wcrtomb', 'wcscat', 'wcscpy',
  'wcsncat', 'wcsncpy', 'wcsnrtombs', 'wcsrtombs', 'wcstombs', 'wctomb', 'wmemcpy', 'wmemmove', 'wmempcpy', 'wmemset',
  'wprintf',
]);

export const VER_NDX_LOCAL = 0;
export const VER_NDX_GLOBAL = 1;
/** Bit 15 of a versym entry marks a hidden symbol version. */
export const VERSYM_HIDDEN = 0x8000;

// e_flags
export const EF_ARM_EABIMASK = 0xff000000;
export const EF_ARM_ABI_FLOAT_SOFT = 0x200;
export const EF_ARM_ABI_FLOAT_HARD = 0x400;
export const EF_MIPS_NOREORDER = 0x1;
export const EF_MIPS_PIC = 0x2;
export const EF_MIPS_CPIC = 0x4;
export const EF_MIPS_ABI2 = 0x20;
export const EF_MIPS_FP64 = 0x200;
export const EF_MIPS_NAN2008 = 0x400;
export const EF_MIPS_ABI = 0x0000f000;
export const EF_MIPS_ARCH = 0xf0000000;
export const EF_PPC64_ABI = 0x3;
export const EF_RISCV_RVC = 0x1;
export const EF_RISCV_FLOAT_ABI = 0x6;

export type NameTable = ReadonlyMap<number, string>;

/** Display name of `value` in `table`, or a hex fallback such as `0x6ffffff5`. */
export function nameOf(table: NameTable, value: number): string {
  return table.get(value) ?? `0x${value.toString(16)}`;
}

export const ET_NAMES: NameTable = new Map([
  [ET_NONE, 'NONE'],
  [ET_REL, 'REL'],
  [ET_EXEC, 'EXEC'],
  [ET_DYN, 'DYN'],
  [ET_CORE, 'CORE'],
]);

/** Machine display names as readelf -h prints them (the part file(1) also uses, where they agree). */
export const EM_NAMES: NameTable = new Map([
  [0, 'None'],
  [2, 'Sparc'],
  [EM_386, 'Intel 80386'],
  [4, 'MC68000'],
  [EM_MIPS, 'MIPS R3000'],
  [15, 'HPPA'],
  [18, 'Sparc v8+'],
  [EM_PPC, 'PowerPC'],
  [EM_PPC64, 'PowerPC64'],
  [EM_S390, 'IBM S/390'],
  [EM_ARM, 'ARM'],
  [42, 'Renesas / SuperH SH'],
  [43, 'Sparc v9'],
  [50, 'Intel IA-64'],
  [EM_X86_64, 'Advanced Micro Devices X86-64'],
  [EM_AARCH64, 'AArch64'],
  [EM_RISCV, 'RISC-V'],
  [247, 'Linux BPF'],
  [EM_LOONGARCH, 'LoongArch'],
]);

/** Short machine names in the spirit of file(1) (what `inspect` shows on its one line). */
export const EM_SHORT_NAMES: NameTable = new Map([
  [2, 'SPARC'],
  [EM_386, 'i386'],
  [EM_MIPS, 'MIPS'],
  [EM_PPC, 'PowerPC'],
  [EM_PPC64, 'PowerPC64'],
  [EM_S390, 'IBM S/390'],
  [EM_ARM, 'ARM'],
  [43, 'SPARC V9'],
  [50, 'IA-64'],
  [EM_X86_64, 'x86-64'],
  [EM_AARCH64, 'AArch64'],
  [EM_RISCV, 'RISC-V'],
  [247, 'eBPF'],
  [EM_LOONGARCH, 'LoongArch'],
]);

/** Go's GOARCH for a machine, or null where Go has none. EM_MIPS and EM_PPC64 depend on class and byte order. */
export function goArchOf(machine: number, bits: 32 | 64, little: boolean): string | null {
  switch (machine) {
    case EM_X86_64:
      return bits === 64 ? 'amd64' : null; // x32 (ELFCLASS32 + EM_X86_64) has no Go port
    case EM_386:
      return '386';
    case EM_ARM:
      return 'arm';
    case EM_AARCH64:
      return 'arm64';
    case EM_PPC64:
      return little ? 'ppc64le' : 'ppc64';
    case EM_S390:
      return bits === 64 ? 's390x' : null;
    case EM_MIPS:
      if (bits === 64) return little ? 'mips64le' : 'mips64';
      return little ? 'mipsle' : 'mips';
    case EM_RISCV:
      return bits === 64 ? 'riscv64' : null;
    case EM_LOONGARCH:
      return bits === 64 ? 'loong64' : null;
    default:
      return null;
  }
}

export const OSABI_NAMES: NameTable = new Map([
  [0, 'UNIX - System V'],
  [1, 'UNIX - HP-UX'],
  [2, 'UNIX - NetBSD'],
  [3, 'UNIX - GNU'],
  [6, 'UNIX - Solaris'],
  [7, 'UNIX - AIX'],
  [8, 'UNIX - IRIX'],
  [9, 'UNIX - FreeBSD'],
  [10, 'UNIX - TRU64'],
  [12, 'UNIX - OpenBSD'],
  [97, 'ARM'],
  [255, 'Standalone App'],
]);

/** GOOS an OSABI byte names, when it names one. */
export const OSABI_GOOS: NameTable = new Map([
  [2, 'netbsd'],
  [3, 'linux'],
  [6, 'solaris'],
  [7, 'aix'],
  [9, 'freebsd'],
  [12, 'openbsd'],
]);

/** OS word of the NT_GNU_ABI_TAG note. */
export const ABI_TAG_GOOS: NameTable = new Map([
  [0, 'linux'],
  [1, 'hurd'],
  [2, 'solaris'],
  [3, 'freebsd'],
]);

/** GOOS for the name of an OS ".ident" note (type 1), as Go's linker and the BSD toolchains write them. */
export const IDENT_NOTE_GOOS: ReadonlyMap<string, string> = new Map([
  ['FreeBSD', 'freebsd'],
  ['NetBSD', 'netbsd'],
  ['OpenBSD', 'openbsd'],
  ['DragonFly', 'dragonfly'],
  ['Android', 'android'],
]);

export const PT_NAMES: NameTable = new Map([
  [PT_NULL, 'NULL'],
  [PT_LOAD, 'LOAD'],
  [PT_DYNAMIC, 'DYNAMIC'],
  [PT_INTERP, 'INTERP'],
  [PT_NOTE, 'NOTE'],
  [PT_SHLIB, 'SHLIB'],
  [PT_PHDR, 'PHDR'],
  [PT_TLS, 'TLS'],
  [PT_GNU_EH_FRAME, 'GNU_EH_FRAME'],
  [PT_GNU_STACK, 'GNU_STACK'],
  [PT_GNU_RELRO, 'GNU_RELRO'],
  [PT_GNU_PROPERTY, 'GNU_PROPERTY'],
  [0x65041580, 'PAX_FLAGS'],
  [0x70000000, 'LOPROC+0x0'],
  [0x70000001, 'LOPROC+0x1'],
  [0x70000003, 'LOPROC+0x3'],
]);

export const SHT_NAMES: NameTable = new Map([
  [SHT_NULL, 'NULL'],
  [SHT_PROGBITS, 'PROGBITS'],
  [SHT_SYMTAB, 'SYMTAB'],
  [SHT_STRTAB, 'STRTAB'],
  [SHT_RELA, 'RELA'],
  [SHT_HASH, 'HASH'],
  [SHT_DYNAMIC, 'DYNAMIC'],
  [SHT_NOTE, 'NOTE'],
  [SHT_NOBITS, 'NOBITS'],
  [SHT_REL, 'REL'],
  [10, 'SHLIB'],
  [SHT_DYNSYM, 'DYNSYM'],
  [14, 'INIT_ARRAY'],
  [15, 'FINI_ARRAY'],
  [16, 'PREINIT_ARRAY'],
  [17, 'GROUP'],
  [18, 'SYMTAB_SHNDX'],
  [0x6ffffff5, 'GNU_ATTRIBUTES'],
  [0x6ffffff6, 'GNU_HASH'],
  [0x6ffffffd, 'VERDEF'],
  [SHT_GNU_VERNEED, 'VERNEED'],
  [SHT_GNU_VERSYM, 'VERSYM'],
  [0x70000001, 'LOPROC+0x1'],
  [0x70000003, 'LOPROC+0x3'],
]);

/** Section flag letters in readelf's order and spelling. */
export const SHF_FLAG_NAMES: ReadonlyArray<readonly [number, string]> = [
  [SHF_WRITE, 'WRITE'],
  [SHF_ALLOC, 'ALLOC'],
  [SHF_EXECINSTR, 'EXEC'],
  [SHF_MERGE, 'MERGE'],
  [SHF_STRINGS, 'STRINGS'],
  [SHF_INFO_LINK, 'INFO_LINK'],
  [0x80, 'LINK_ORDER'],
  [0x100, 'OS_NONCONFORMING'],
  [0x200, 'GROUP'],
  [SHF_TLS, 'TLS'],
  [SHF_COMPRESSED, 'COMPRESSED'],
];

export const ELF_HEADER_SIZE: Record<32 | 64, number> = { 32: 52, 64: 64 };
export const PHDR_SIZE: Record<32 | 64, number> = { 32: 32, 64: 56 };
export const SHDR_SIZE: Record<32 | 64, number> = { 32: 40, 64: 64 };
export const DYN_SIZE: Record<32 | 64, number> = { 32: 8, 64: 16 };
export const SYM_SIZE: Record<32 | 64, number> = { 32: 16, 64: 24 };
