/**
 * Where each libc puts its dynamic loader, per GOARCH (glibc's sysdeps/<arch>/ldsodefs.h and
 * shlib-versions; musl's `/lib/ld-musl-$ARCH.so.1`). A binary whose PT_INTERP is not there
 * cannot start: the kernel reports "No such file or directory".
 */
import type { Libc } from './types.ts';

const glibcInterpreters: Record<string, string[]> = {
  amd64: ['/lib64/ld-linux-x86-64.so.2'],
  '386': ['/lib/ld-linux.so.2'],
  arm64: ['/lib/ld-linux-aarch64.so.1'],
  // Go's internal linker writes /lib/ld-linux.so.3 for arm; gcc writes the hard-float name.
  arm: ['/lib/ld-linux-armhf.so.3', '/lib/ld-linux.so.3'],
  ppc64le: ['/lib64/ld64.so.2'],
  ppc64: ['/lib64/ld64.so.1', '/lib64/ld64.so.2'],
  s390x: ['/lib/ld64.so.1'],
  riscv64: ['/lib/ld-linux-riscv64-lp64d.so.1'],
  mips64le: ['/lib64/ld.so.1'],
  mips64: ['/lib64/ld.so.1'],
  loong64: ['/lib64/ld-linux-loongarch-lp64d.so.1'],
};

const muslArch: Record<string, string[]> = {
  amd64: ['x86_64'],
  '386': ['i386'],
  arm64: ['aarch64'],
  arm: ['armhf', 'arm'],
  ppc64le: ['powerpc64le'],
  ppc64: ['powerpc64'],
  s390x: ['s390x'],
  riscv64: ['riscv64'],
  mips64le: ['mips64el'],
  mips64: ['mips64'],
  loong64: ['loongarch64'],
};

function muslInterpreters(goarch: string): string[] {
  return (muslArch[goarch] ?? []).map((a) => `/lib/ld-musl-${a}.so.1`);
}

/** Which libc a PT_INTERP path belongs to, from its name alone. */
export function interpreterLibc(interpreter: string): Libc | 'other' {
  const base = interpreter.slice(interpreter.lastIndexOf('/') + 1);
  if (base.startsWith('ld-musl-')) return 'musl';
  if (/^ld-linux|^ld64\.so|^ld\.so\.1$/.test(base)) return 'glibc';
  return 'other';
}

export function expectedInterpreters(libc: Libc, goarch: string): string[] {
  return libc === 'musl' ? muslInterpreters(goarch) : (glibcInterpreters[goarch] ?? []);
}
