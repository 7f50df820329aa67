/** Which OS an ELF file targets, from the strongest evidence available (pure). */
import { OSABI_GOOS } from './constants.ts';

export interface GoosFacts {
  /** GOOS from the Go build settings, when it is a Go binary. */
  goSetting: string | null;
  osabi: number;
  /** GOOS named by a BSD ident note. */
  identNote: string | null;
  /** GOOS from the NT_GNU_ABI_TAG note. */
  abiTag: string | null;
  interpreter: string | null;
}

/** First match wins: Solaris' /usr/lib/ld.so.1 before the generic ld.so.1 of Linux (MIPS, PowerPC, s390). */
const INTERPRETER_HINTS: [RegExp, string][] = [
  [/^\/usr\/lib\/(amd64\/|64\/)?ld\.so\.1$/, 'solaris'],
  [/\/ld-linux[-.]|\/ld64\.so\.|\/ld\.so\.1$|\/ld-musl-|\/ld-uClibc/, 'linux'],
  [/^\/system\/bin\/linker(64)?$/, 'android'],
  [/^\/libexec\/ld-elf(32)?\.so\.1$/, 'freebsd'],
  [/^\/usr\/libexec\/ld\.elf_so$/, 'netbsd'],
  [/^\/usr\/libexec\/ld\.so$/, 'openbsd'],
];

export function elfGoos(f: GoosFacts): string | null {
  if (f.goSetting) return f.goSetting;
  const byAbi = OSABI_GOOS.get(f.osabi);
  if (byAbi) return byAbi;
  if (f.identNote) return f.identNote;
  if (f.abiTag) return f.abiTag;
  if (f.interpreter) {
    for (const [re, goos] of INTERPRETER_HINTS) if (re.test(f.interpreter)) return goos;
  }
  return null;
}
