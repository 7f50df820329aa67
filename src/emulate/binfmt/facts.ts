/** What the binfmt checks judge: one read of a binfmt_misc mount (read-status.ts gathers it). */
import type { BinfmtEntry } from './types.ts';

export interface InterpreterFacts {
  exists: boolean;
  /** null when not an ELF or unreadable. */
  static: boolean | null;
  /** QEMU version when the interpreter is QEMU, else null. */
  qemuVersion: string | null;
}

export interface BinfmtFacts {
  mount: string;
  mounted: boolean;
  /** Content of `status`: true = enabled; null when unreadable. */
  enabled: boolean | null;
  /** Decoded entries, oldest registration first (by inode number: an approximation). */
  entries: BinfmtEntry[];
  /** Entry files that could not be decoded. */
  unreadable: { name: string; error: string }[];
  interpreters: Record<string, InterpreterFacts>;
  kernelRelease: string;
  /** The GOARCH of the host (its own binaries need no entry). */
  hostGoarch: string;
}
