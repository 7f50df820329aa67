/**
 * Where a dynamically linked foreign binary finds its loader and libc: a sysroot passed to QEMU
 * with -L. Debian/Ubuntu cross packages install one per target at /usr/<triple>
 * (libc6-<debarch>-cross). Pure data plus one existence check.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';

interface CrossTarget {
  triple: string;
  debArch: string;
}

/** GOARCH → Debian cross sysroots, most likely first (arm: hard-float before soft-float). */
const CROSS: Record<string, CrossTarget[]> = {
  arm64: [{ triple: 'aarch64-linux-gnu', debArch: 'arm64' }],
  arm: [
    { triple: 'arm-linux-gnueabihf', debArch: 'armhf' },
    { triple: 'arm-linux-gnueabi', debArch: 'armel' },
  ],
  riscv64: [{ triple: 'riscv64-linux-gnu', debArch: 'riscv64' }],
  ppc64le: [{ triple: 'powerpc64le-linux-gnu', debArch: 'ppc64el' }],
  ppc64: [{ triple: 'powerpc64-linux-gnu', debArch: 'ppc64' }],
  s390x: [{ triple: 's390x-linux-gnu', debArch: 's390x' }],
  mips64le: [{ triple: 'mips64el-linux-gnuabi64', debArch: 'mips64el' }],
  mips64: [{ triple: 'mips64-linux-gnuabi64', debArch: 'mips64' }],
  mipsle: [{ triple: 'mipsel-linux-gnu', debArch: 'mipsel' }],
  mips: [{ triple: 'mips-linux-gnu', debArch: 'mips' }],
  '386': [{ triple: 'i686-linux-gnu', debArch: 'i386' }],
  amd64: [{ triple: 'x86_64-linux-gnu', debArch: 'amd64' }],
  loong64: [{ triple: 'loongarch64-linux-gnu', debArch: 'loong64' }],
};

export interface SysrootCandidate {
  path: string;
  /** Debian package that provides it. */
  package: string;
}

/** Candidate sysroots for a GOARCH under `root` (pure). */
function sysrootCandidates(goarch: string, root = '/'): SysrootCandidate[] {
  return (CROSS[goarch] ?? []).map((c) => ({ path: join(root, 'usr', c.triple), package: `libc6-${c.debArch}-cross` }));
}

/** The package(s) to suggest when no sysroot is found. */
export function sysrootPackages(goarch: string): string[] {
  return (CROSS[goarch] ?? []).map((c) => `libc6-${c.debArch}-cross`);
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

export interface SysrootFacts {
  /** A sysroot that contains the binary's loader, or null. */
  sysroot: string | null;
  /** The loader exists at its own path on the host (multiarch install): no -L needed. */
  loaderOnHost: boolean;
  tried: string[];
}

/** Finds a sysroot containing `interpreter` (e.g. /lib/ld-linux-aarch64.so.1). An explicit sysroot is checked, not replaced. */
export async function findSysroot(goarch: string, interpreter: string | null, options: { explicit?: string; root?: string } = {}): Promise<SysrootFacts> {
  const root = options.root ?? '/';
  const candidates = options.explicit ? [options.explicit] : sysrootCandidates(goarch, root).map((c) => c.path);
  const tried: string[] = [];
  for (const dir of candidates) {
    tried.push(dir);
    if (interpreter ? await exists(join(dir, interpreter)) : await exists(dir)) return { sysroot: dir, loaderOnHost: false, tried };
  }
  const loaderOnHost = interpreter ? await exists(join(root, interpreter)) : false;
  return { sysroot: null, loaderOnHost, tried };
}
