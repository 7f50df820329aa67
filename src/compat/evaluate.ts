/**
 * Will this binary run on that target? Pure: BinaryInfo + Profile → Verdict with every reason,
 * naming the symbols behind each too-new symbol version so the user knows which call to fix.
 */
import type { BinaryInfo } from '../binary/types.ts';
import { compareCpuLevels, describeLevel } from './cpu-levels.ts';
import { compareWindows } from './go-minimums.ts';
import { expectedInterpreters, interpreterLibc } from './interpreters.ts';
import { requirementsOf } from './requirements.ts';
import { zigTarget } from '../platform/cross-compiler.ts';
import type { Profile, Reason, Verdict } from './types.ts';
import { compareVersions } from './version.ts';

/** `*` in a profile's arches means any architecture (ad-hoc --glibc/--kernel targets). */
function supportsArch(profile: Profile, arch: string): boolean {
  return profile.arches.includes('*') || profile.arches.includes(arch);
}

const osNames: Record<string, string> = { linux: 'Linux', darwin: 'macOS', windows: 'Windows' };

/**
 * How to make this linux binary static, never naming what its build already did: a Go binary with
 * CGO_ENABLED=0 that is dynamic only because of -buildmode=pie (Go links a linux PIE against the
 * glibc loader) is told about that flag, not to set CGO_ENABLED=0 again.
 */
export function staticFix(info: BinaryInfo): string {
  const settings = info.go?.settings;
  if (settings?.['-buildmode'] === 'pie' && settings.CGO_ENABLED === '0') {
    return "build without -buildmode=pie (with CGO_ENABLED=0 it alone makes the binary dynamic), or link it static-pie: CGO_ENABLED=1 -ldflags='-linkmode=external -extldflags=-static-pie' (gocross build: build.pie auto)";
  }
  return 'build with CGO_ENABLED=0 for a static binary';
}

/** Symbol versions `PREFIX_x.y` above `available`, grouped per library, with the symbols bound to them. */
function tooNewVersions(info: BinaryInfo, prefix: string, available: string, profile: Profile, what: string, arch: string | null): Reason[] {
  const zigName = (arch && zigTarget({ goos: 'linux', goarch: arch })) || '<arch>-linux-gnu';
  const reasons: Reason[] = [];
  for (const need of info.versionNeeds) {
    const tooNew = need.versions
      .filter((v) => v.startsWith(`${prefix}_`) && /\d/.test(v.charAt(prefix.length + 1)))
      .filter((v) => compareVersions(v.slice(prefix.length + 1), available) > 0)
      .sort((a, b) => compareVersions(b.slice(prefix.length + 1), a.slice(prefix.length + 1)));
    if (tooNew.length === 0) continue;
    const symbols = tooNew.flatMap((v) => (need.symbols[v] ?? []).map((s) => `${s}@${v}`));
    const highest = tooNew[0]!;
    const list = symbols.length > 0 ? `: symbols ${symbols.join(', ')}` : '';
    reasons.push({
      code: 'symbol-version',
      message: `needs ${highest} from ${need.file} (${profile.id} has ${what} ${available})${list}`,
      library: need.file,
      version: highest,
      symbols,
      fix: prefix === 'GLIBC'
        ? `link on a system with glibc <= ${available} (or a sysroot of ${profile.id}), use CC="zig cc -target ${zigName}.${available}", or ${staticFix(info)}`
        : `build with an older libstdc++ (${profile.id}'s) or link libstdc++ statically`,
    });
  }
  return reasons;
}

export function evaluate(info: BinaryInfo, profile: Profile): Verdict {
  const req = requirementsOf(info);
  const reasons: Reason[] = [];
  const notes: string[] = [];

  if (req.os !== profile.os) {
    reasons.push({
      code: 'os',
      message: `is a ${osNames[req.os] ?? req.os} ${info.format.toUpperCase()} executable; ${profile.id} runs ${osNames[profile.os] ?? profile.os} binaries`,
      fix: `build with GOOS=${profile.os}`,
    });
  }

  if (req.arch === null) notes.push(`cannot tell the architecture of machine ${info.machine}`);
  else if (!supportsArch(profile, req.arch)) {
    reasons.push({
      code: 'arch',
      message: `is built for ${req.arch} (${req.endian}-endian); ${profile.id} ships ${profile.arches.join(', ')}`,
      fix: `build with GOARCH=${profile.arches[0] ?? '?'}`,
    });
  }

  if (req.os === 'linux' && profile.os === 'linux') checkLinuxLibc(info, profile, req.arch, reasons, notes);

  if (req.cpu && req.os === profile.os) {
    const baseline = profile.cpu?.[req.cpu.setting];
    if (baseline && req.arch && supportsArch(profile, req.arch)) {
      const cmp = compareCpuLevels(req.cpu.setting, req.cpu.level, baseline);
      if (cmp === null) notes.push(`cannot compare ${req.cpu.setting}=${req.cpu.level} with ${profile.id}'s ${baseline}`);
      else if (cmp > 0) {
        reasons.push({
          code: 'cpu-level',
          message: `is built with ${req.cpu.setting}=${req.cpu.level} (${describeLevel(req.cpu.setting, req.cpu.level)}); ${profile.id} supports CPUs down to ${describeLevel(req.cpu.setting, baseline)}`,
          fix: `build with ${req.cpu.setting}=${baseline}`,
        });
      }
    }
  }

  // C code built with -march=… -mneeded marks the level it needs in a GNU property note, whatever GOAMD64 says.
  const amd64Baseline = profile.cpu?.GOAMD64;
  if (req.x86IsaLevel && req.arch === 'amd64' && req.os === profile.os && amd64Baseline && supportsArch(profile, 'amd64')) {
    const aboveBaseline = (compareCpuLevels('GOAMD64', req.x86IsaLevel, amd64Baseline) ?? 0) > 0;
    const goLevel = req.cpu?.setting === 'GOAMD64' ? req.cpu.level : 'v1';
    // Already said through GOAMD64 when the note asks no more than that.
    const beyondGo = (compareCpuLevels('GOAMD64', req.x86IsaLevel, goLevel) ?? 1) > 0;
    if (aboveBaseline && beyondGo) {
      reasons.push({
        code: 'cpu-level',
        message: `needs ${describeLevel('GOAMD64', req.x86IsaLevel)} (GNU property note: x86 ISA needed); ${profile.id} supports CPUs down to ${describeLevel('GOAMD64', amd64Baseline)}`,
        fix: `compile its C code for -march=${amd64Baseline === 'v1' ? 'x86-64' : describeLevel('GOAMD64', amd64Baseline)}`,
      });
    }
  }

  if (profile.os === 'linux' && req.os === 'linux' && req.kernel) {
    if (profile.kernel == null) notes.push(`${profile.id} has no fixed kernel; ${req.goVersion} needs Linux >= ${req.kernel}`);
    else if (compareVersions(req.kernel, profile.kernel) > 0) {
      reasons.push({
        code: 'go-kernel',
        message: `${req.goVersion} needs Linux kernel >= ${req.kernel}; ${profile.id} has ${profile.kernel}`,
        version: req.kernel,
        fix: `build with an older Go release that supports kernel ${profile.kernel}`,
      });
    }
  }
  if (req.osVersion && profile.os === req.os && (profile.os === 'darwin' || profile.os === 'windows') && profile.osVersion) {
    const cmp = profile.os === 'windows' ? compareWindows(req.osVersion, profile.osVersion) : compareVersions(req.osVersion, profile.osVersion);
    if (cmp > 0) {
      reasons.push({
        code: 'go-os-version',
        message: `${req.goVersion} needs ${osNames[profile.os]} >= ${req.osVersion}; ${profile.id} is ${profile.osVersion}`,
        version: req.osVersion,
        fix: `build with an older Go release that supports ${osNames[profile.os]} ${profile.osVersion}`,
      });
    }
  }

  return { profile: profile.id, profileName: profile.name, runs: reasons.length === 0, reasons, notes };
}

function checkLinuxLibc(info: BinaryInfo, profile: Profile, arch: string | null, reasons: Reason[], notes: string[]): void {
  const interp = info.interpreter;
  if (!profile.libc) {
    if (interp || info.linkage === 'dynamic') notes.push(`${profile.id} does not say which libc it has`);
    return;
  }
  if (interp) {
    const kind = interpreterLibc(interp);
    const expected = arch ? expectedInterpreters(profile.libc, arch) : [];
    if (kind !== 'other' && kind !== profile.libc) {
      reasons.push({
        code: 'libc',
        message: `needs the ${kind} loader ${interp}, absent on ${profile.id} (${profile.libc}${profile.libcVersion ? ` ${profile.libcVersion}` : ''})`,
        fix: profile.libc === 'musl'
          ? `${staticFix(info)}, link against musl, or install gcompat on the target`
          : `${staticFix(info)}, or link against glibc`,
      });
    } else if (expected.length > 0 && !expected.includes(interp)) {
      reasons.push({
        code: 'interpreter',
        message: `needs the loader ${interp}, absent on ${profile.id} (${profile.libc} on ${arch} has ${expected.join(' or ')})`,
        fix: `link with -ldflags=-I${expected[0]}, or ${staticFix(info)}`,
      });
    }
  }
  if (profile.libc === 'glibc' && profile.libcVersion) {
    reasons.push(...tooNewVersions(info, 'GLIBC', profile.libcVersion, profile, 'glibc', arch));
  }
  if (profile.libc === 'musl') {
    const glibcNeeds = info.versionNeeds.filter((n) => n.versions.some((v) => v.startsWith('GLIBC_')));
    for (const need of glibcNeeds) {
      const versions = need.versions.filter((v) => v.startsWith('GLIBC_'));
      reasons.push({
        code: 'libc',
        message: `needs glibc symbol versions from ${need.file} (${versions.join(', ')}), which ${profile.id}'s musl does not provide`,
        library: need.file,
        symbols: versions.flatMap((v) => (need.symbols[v] ?? []).map((s) => `${s}@${v}`)),
        fix: `${staticFix(info)}, or link against musl (e.g. on Alpine, or CC="zig cc -target <arch>-linux-musl")`,
      });
    }
  }
  if (profile.glibcxx) reasons.push(...tooNewVersions(info, 'GLIBCXX', profile.glibcxx, profile, 'GLIBCXX', arch));
  else if (info.versionNeeds.some((n) => n.versions.some((v) => v.startsWith('GLIBCXX_')))) {
    notes.push(`${profile.id}'s libstdc++ version is unknown; GLIBCXX needs not checked`);
  }
}
