/** The tool versions of this host, as gocross.lock records them. */
import { chooseToolchain } from '../gobuild/toolchains.ts';
import { hostGoarch } from '../platform/lookup.ts';
import { probeCrossCompiler, type CrossCompilerFact } from '../host/cross-cc.ts';
import { probeProgram, parseBinutilsVersion, type ProgramFact } from '../host/programs.ts';
import { probeQemu, type QemuFact } from '../host/qemu.ts';
import { hostRoot, type HostRoot } from '../host/root.ts';
import type { ToolVersions } from './lockfile.ts';

export interface CollectVersionsOptions {
  /** GOARCHes whose C compiler and QEMU to record (QEMU only for foreign ones). */
  goarches: string[];
  host?: HostRoot;
  /** A go binary or GOROOT (`--go`), as the build uses. */
  go?: string;
  /** Probes already made on this host (doctor's facts): reused instead of running the tools again. */
  probed?: ProbedTools;
}

export interface ProbedTools {
  binutils: ProgramFact | null;
  crossCompilers: readonly CrossCompilerFact[];
  qemu: readonly QemuFact[];
}

export async function collectToolVersions(options: CollectVersionsOptions): Promise<ToolVersions> {
  const host = options.host ?? hostRoot('/');
  const native = hostGoarch();
  const toolchain = await chooseToolchain({ go: options.go, env: host.env }).catch(() => null);
  const { probed } = options;
  const binutils = probed ? probed.binutils : await probeProgram(host, 'readelf', ['--version'], parseBinutilsVersion);
  const cc: Record<string, string> = {};
  const qemu: Record<string, string> = {};
  for (const goarch of [...new Set(options.goarches)]) {
    const compiler = probed?.crossCompilers.find((c) => c.goarch === goarch) ?? (await probeCrossCompiler(host, { goos: 'linux', goarch }, native));
    if (compiler.version) cc[goarch] = compiler.version;
    if (goarch !== native) {
      const q = probed?.qemu.find((f) => f.goarch === goarch) ?? (await probeQemu(host, goarch));
      if (q.version) qemu[goarch] = q.version;
    }
  }
  return { go: toolchain?.version ?? null, binutils: binutils?.version ?? null, cc, qemu };
}
