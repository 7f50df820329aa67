/**
 * PE/COFF constants, named after the Microsoft PE format specification
 * (https://learn.microsoft.com/windows/win32/debug/pe-format) and Go's debug/pe.
 */

export const DOS_MAGIC = 0x5a4d; // "MZ"
/** Offset of e_lfanew (file offset of the PE signature) in the DOS header. */
export const DOS_E_LFANEW = 0x3c;
export const DOS_HEADER_SIZE = 0x40;
export const PE_SIGNATURE = 0x00004550; // "PE\0\0" read little-endian
export const COFF_HEADER_SIZE = 20;
export const SECTION_HEADER_SIZE = 40;
export const COFF_SYMBOL_SIZE = 18;
export const IMPORT_DESCRIPTOR_SIZE = 20;

export const OPTIONAL_MAGIC_PE32 = 0x10b;
export const OPTIONAL_MAGIC_PE32_PLUS = 0x20b;

export interface MachineInfo {
  name: string;
  goarch: string | null;
  bits: 32 | 64;
}

/** IMAGE_FILE_MACHINE_* → display name (as the ELF reader spells it) and Go GOARCH. */
export const MACHINES: ReadonlyMap<number, MachineInfo> = new Map([
  [0x014c, { name: 'i386', goarch: '386', bits: 32 }], // IMAGE_FILE_MACHINE_I386
  [0x8664, { name: 'x86-64', goarch: 'amd64', bits: 64 }], // IMAGE_FILE_MACHINE_AMD64
  [0x01c0, { name: 'ARM', goarch: 'arm', bits: 32 }], // IMAGE_FILE_MACHINE_ARM
  [0x01c4, { name: 'ARM', goarch: 'arm', bits: 32 }], // IMAGE_FILE_MACHINE_ARMNT (Thumb-2, what windows/arm used)
  [0xaa64, { name: 'AArch64', goarch: 'arm64', bits: 64 }], // IMAGE_FILE_MACHINE_ARM64
  [0x5032, { name: 'RISC-V', goarch: null, bits: 32 }], // IMAGE_FILE_MACHINE_RISCV32
  [0x5064, { name: 'RISC-V', goarch: 'riscv64', bits: 64 }], // IMAGE_FILE_MACHINE_RISCV64 (UEFI)
  [0x6232, { name: 'LoongArch', goarch: null, bits: 32 }], // IMAGE_FILE_MACHINE_LOONGARCH32
  [0x6264, { name: 'LoongArch', goarch: 'loong64', bits: 64 }], // IMAGE_FILE_MACHINE_LOONGARCH64 (UEFI)
  [0x0200, { name: 'IA-64', goarch: null, bits: 64 }], // IMAGE_FILE_MACHINE_IA64
  [0x01f0, { name: 'PowerPC', goarch: null, bits: 32 }], // IMAGE_FILE_MACHINE_POWERPC
  [0x0ebc, { name: 'EFI byte code', goarch: null, bits: 64 }], // IMAGE_FILE_MACHINE_EBC
]);

// COFF header Characteristics (IMAGE_FILE_*).
export const IMAGE_FILE_RELOCS_STRIPPED = 0x0001;
export const IMAGE_FILE_EXECUTABLE_IMAGE = 0x0002;
export const IMAGE_FILE_LARGE_ADDRESS_AWARE = 0x0020;
export const IMAGE_FILE_DLL = 0x2000;

export const FILE_CHARACTERISTICS: ReadonlyArray<[number, string]> = [
  [0x0001, 'RELOCS_STRIPPED'],
  [0x0002, 'EXECUTABLE_IMAGE'],
  [0x0004, 'LINE_NUMS_STRIPPED'],
  [0x0008, 'LOCAL_SYMS_STRIPPED'],
  [0x0020, 'LARGE_ADDRESS_AWARE'],
  [0x0100, '32BIT_MACHINE'],
  [0x0200, 'DEBUG_STRIPPED'],
  [0x1000, 'SYSTEM'],
  [0x2000, 'DLL'],
];

// Optional header DllCharacteristics (IMAGE_DLLCHARACTERISTICS_*).
export const DLLCHAR_HIGH_ENTROPY_VA = 0x0020;
export const DLLCHAR_DYNAMIC_BASE = 0x0040;
export const DLLCHAR_NX_COMPAT = 0x0100;
export const DLLCHAR_GUARD_CF = 0x4000;

/** IMAGE_SUBSYSTEM_* → name. */
export const SUBSYSTEMS: ReadonlyMap<number, string> = new Map([
  [0, 'unknown'],
  [1, 'native'],
  [2, 'windows-gui'],
  [3, 'windows-cui'],
  [5, 'os2-cui'],
  [7, 'posix-cui'],
  [8, 'native-windows'],
  [9, 'windows-ce-gui'],
  [10, 'efi-application'],
  [11, 'efi-boot-service-driver'],
  [12, 'efi-runtime-driver'],
  [13, 'efi-rom'],
  [14, 'xbox'],
  [16, 'windows-boot-application'],
]);
export const SUBSYSTEM_EFI_FIRST = 10;
export const SUBSYSTEM_EFI_LAST = 13;

// Data directory indexes (IMAGE_DIRECTORY_ENTRY_*).
export const DIRECTORY_IMPORT = 1;
export const DIRECTORY_DEBUG = 6;

// Section Characteristics (IMAGE_SCN_*).
export const SCN_CNT_CODE = 0x00000020;
export const SCN_CNT_INITIALIZED_DATA = 0x00000040;
export const SCN_CNT_UNINITIALIZED_DATA = 0x00000080;
export const SCN_ALIGN_32BYTES = 0x00600000;
export const SCN_MEM_DISCARDABLE = 0x02000000;
export const SCN_MEM_SHARED = 0x10000000;
export const SCN_MEM_EXECUTE = 0x20000000;
export const SCN_MEM_READ = 0x40000000;
export const SCN_MEM_WRITE = 0x80000000;

export const SECTION_FLAGS: ReadonlyArray<[number, string]> = [
  [SCN_MEM_READ, 'read'],
  [SCN_MEM_WRITE, 'write'],
  [SCN_MEM_EXECUTE, 'execute'],
  [SCN_MEM_SHARED, 'shared'],
  [SCN_MEM_DISCARDABLE, 'discardable'],
];

/** Names of the set bits of `value` in `table`. */
export function flagNames(table: ReadonlyArray<[number, string]>, value: number): string[] {
  return table.filter(([bit]) => (value & bit) !== 0).map(([, name]) => name);
}
