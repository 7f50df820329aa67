/**
 * The imperative shell of doctor: gathers HostFacts through the root prefix. The gocross.lock
 * comparison is added above this layer (doctor/collect.ts), reusing these probes.
 */
import { hostGoarch } from '../platform/lookup.ts';
import { compatProfileId } from './os-release.ts';
import { builtinProfiles, findProfile } from '../compat/profiles.ts';
import { readBinfmt } from './binfmt.ts';
import { probeCrossCompiler } from './cross-cc.ts';
import { probeGoCache } from './disk.ts';
import type { HostFacts } from './facts.ts';
import { probeGo } from './go.ts';
import { readKernel } from './kernel.ts';
import { detectLibc, type LibcFact } from './libc.ts';
import { readOsRelease } from './os-release.ts';
import { detectPackageManager } from './package-manager.ts';
import { parseBinutilsVersion, probeProgram } from './programs.ts';
import { probeQemu } from './qemu.ts';
import { hostRoot } from './root.ts';

export interface CollectOptions {
  /** Root directory prefix (default "/": this machine). */
  root?: string;
  env?: NodeJS.ProcessEnv;
  /** GOARCHes the user builds for (default: the host's, arm64 and arm). */
  targets?: string[];
  /** The host's GOARCH (default: this machine's; fixture tests set it). */
  hostGoarch?: string;
  /** doctor --locked. */
  lockRequired?: boolean;
}

export async function collectHostFacts(options: CollectOptions = {}): Promise<HostFacts> {
  const host = hostRoot(options.root ?? '/', options.env ?? process.env);
  const native = options.hostGoarch ?? hostGoarch();
  const targets = [...new Set(options.targets ?? [native, 'arm64', 'arm'])];
  const os = await readOsRelease(host);
  let libc: LibcFact | null = await detectLibc(host);
  if (!libc && os) {
    // Nothing on disk says it: fall back to what the distro release ships.
    const id = compatProfileId(os);
    const profile = id ? findProfile(builtinProfiles, id) : undefined;
    if (profile?.libc) libc = { libc: profile.libc, version: profile.libcVersion ?? null, source: `os-release (${profile.id})` };
  }
  const go = await probeGo(host);
  const [kernel, binutils, crossCompilers, zig, qemu, binfmt, goCache, packageManager] = await Promise.all([
    readKernel(host),
    probeProgram(host, 'readelf', ['--version'], parseBinutilsVersion),
    Promise.all(targets.map((t) => probeCrossCompiler(host, { goos: 'linux', goarch: t }, native))),
    probeProgram(host, 'zig', ['version'], (o) => o.trim().split('\n')[0] ?? null),
    Promise.all(targets.filter((t) => t !== native).map((t) => probeQemu(host, t))),
    readBinfmt(host),
    probeGoCache(host, go.userGoenv),
    detectPackageManager(host, os),
  ]);
  return {
    root: host.root, hostGoarch: native, targets, os, kernel, libc, binutils, go, crossCompilers, zig, qemu, binfmt, goCache, packageManager,
    lock: null, lockError: null, lockRequired: options.lockRequired ?? false,
  };
}
