/** The OS and GOARCH a binary targets, from Go build info when present, else from the headers. */
import type { BinaryInfo } from '../binary/types.ts';

const byMachine: Record<string, (bits: number, endian: string) => string | null> = {
  'x86-64': () => 'amd64',
  'x86_64': () => 'amd64',
  amd64: () => 'amd64',
  i386: () => '386',
  'intel 80386': () => '386',
  x86: () => '386',
  aarch64: () => 'arm64',
  arm64: () => 'arm64',
  arm: () => 'arm',
  powerpc64: (_b, e) => (e === 'little' ? 'ppc64le' : 'ppc64'),
  ppc64: (_b, e) => (e === 'little' ? 'ppc64le' : 'ppc64'),
  powerpc: () => 'ppc',
  's390': (b) => (b === 64 ? 's390x' : null),
  'ibm s/390': (b) => (b === 64 ? 's390x' : null),
  s390x: () => 's390x',
  'risc-v': (b) => (b === 64 ? 'riscv64' : null),
  riscv64: () => 'riscv64',
  mips: (b, e) => (b === 64 ? (e === 'little' ? 'mips64le' : 'mips64') : e === 'little' ? 'mipsle' : 'mips'),
  loongarch: () => 'loong64',
  loongarch64: () => 'loong64',
};

export function binaryArch(info: BinaryInfo): string | null {
  if (info.goarch) return info.goarch;
  const guess = byMachine[info.machine.toLowerCase()];
  return guess ? guess(info.bits, info.endian) : null;
}

export function binaryOs(info: BinaryInfo): string {
  if (info.goos) return info.goos;
  if (info.format === 'pe') return 'windows';
  if (info.format === 'macho' || info.format === 'macho-fat') return 'darwin';
  return 'linux';
}

/** Settings recorded by `go build` (GOAMD64=v3…), empty for non-Go binaries. */
export function buildSetting(info: BinaryInfo, key: string): string | undefined {
  return info.go?.settings[key];
}
