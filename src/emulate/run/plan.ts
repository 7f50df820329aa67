/**
 * How to run a binary on this host (pure): natively, under qemu-<arch> invoked directly (no
 * binfmt_misc needed), under Wine, or a refusal — always with the reasons.
 */
import type { BinaryInfo } from '../../binary/types.ts';
import { qemuTargetOf } from '../../platform/lookup.ts';
import { sysrootPackages } from './sysroot.ts';

export interface HostRunFacts {
  /** Go's GOOS/GOARCH names for the host. */
  goos: string;
  goarch: string;
  /** Arches the host kernel runs natively besides its own (amd64 kernels run 386). */
  nativeExtra: string[];
  /** QEMU interpreter for the binary's arch, when looked up. */
  qemu: { path: string; static: boolean; version: string | null } | null;
  /** Sysroot facts for a dynamic foreign binary. */
  sysroot: { sysroot: string | null; loaderOnHost: boolean; tried: string[] } | null;
  /** Wine, when looked up: the wine loader and whether 64-bit support (wine64) is installed. */
  wine: { path: string; version: string | null; has64: boolean } | null;
}

export interface PlanOptions {
  /** Add GODEBUG=asyncpreemptoff=1 (a workaround for Go under QEMU). */
  asyncPreemptOff?: boolean;
}

export type RunKind = 'native' | 'qemu' | 'wine' | 'refuse';

export interface RunPlan {
  kind: RunKind;
  /** The program to start and the arguments before the binary's own; the binary path goes last. */
  command: string | null;
  prefixArgs: string[];
  /** Environment added to the caller's. */
  env: Record<string, string>;
  /** Why this way (one sentence per decision). */
  explanation: string[];
  /** Refusal: `Cannot run …: …`, and the fix. */
  error: string | null;
  fix: string | null;
  /** Offers the user may take (not applied). */
  hints: string[];
}

function versionAtLeast(v: string | null, major: number, minor = 0): boolean {
  const m = v ? /(\d+)\.(\d+)/.exec(v) : null;
  if (!m) return false;
  return Number(m[1]) > major || (Number(m[1]) === major && Number(m[2]) >= minor);
}

function refuse(what: string, error: string, fix: string | null, explanation: string[]): RunPlan {
  return { kind: 'refuse', command: null, prefixArgs: [], env: {}, explanation, error: `Cannot run ${what}: ${error}`, fix, hints: [] };
}

export function planRun(info: BinaryInfo, host: HostRunFacts, options: PlanOptions = {}): RunPlan {
  const goos = info.goos ?? (info.format === 'elf' ? 'linux' : info.format === 'pe' ? 'windows' : 'darwin');
  const goarch = info.goarch ?? 'unknown';
  const what = `${goos}/${goarch} ${info.kind === 'shared-library' ? 'shared library' : 'binary'}`;
  const explanation = [`the file is a ${info.format.toUpperCase()} ${info.kind} for ${goos}/${goarch} (${info.machine}, ${info.linkage})`];
  const env: Record<string, string> = options.asyncPreemptOff ? { GODEBUG: 'asyncpreemptoff=1' } : {};
  const goVersion = info.go?.version ?? null;

  if (info.kind !== 'executable') return refuse(what, `it is a ${info.kind}, not an executable`, null, explanation);

  if (info.format === 'macho' || info.format === 'macho-fat' || goos === 'darwin' || goos === 'ios') {
    if (host.goos === 'darwin') {
      return { kind: 'native', command: null, prefixArgs: [], env, explanation: [...explanation, 'macOS runs it natively (Rosetta 2 covers amd64 on Apple silicon)'], error: null, fix: null, hints: [] };
    }
    return refuse(what, `there is no user-mode emulator for macOS on ${host.goos}`, 'run it on a Mac (e.g. a macOS CI runner)', explanation);
  }

  if (info.format === 'pe' || goos === 'windows') {
    if (host.goos === 'windows') return { kind: 'native', command: null, prefixArgs: [], env, explanation: [...explanation, 'Windows runs it natively'], error: null, fix: null, hints: [] };
    if (!host.wine) return refuse(what, 'Wine is not installed', 'install Wine (Debian: apt-get install wine wine64), or run it on Windows', explanation);
    const needs64 = info.bits === 64;
    if (goarch !== 'amd64' && goarch !== '386') return refuse(what, `Wine runs x86 Windows programs only, not ${goarch}`, 'run it on Windows on Arm', explanation);
    if (needs64 && !host.wine.has64) {
      return refuse(what, `it is a 64-bit program and ${host.wine.path} has no 64-bit support (wine64 is not installed)`, 'install wine64 (Debian: apt-get install wine64)', explanation);
    }
    if (goVersion && versionAtLeast(goVersion.replace(/^go/, ''), 1, 22) && host.wine.version && !versionAtLeast(host.wine.version, 9)) {
      return refuse(
        what,
        `it was built with ${goVersion}, which needs ProcessPrng from bcryptprimitives.dll, and Wine ${host.wine.version} lacks it (the program would die with "bcryptprimitives.dll not found")`,
        'use Wine >= 9 (WineHQ packages), or build with Go 1.21 for this test',
        explanation,
      );
    }
    return {
      kind: 'wine',
      command: host.wine.path,
      prefixArgs: [],
      env: { WINEDEBUG: '-all', ...env },
      explanation: [...explanation, `Wine ${host.wine.version ?? ''} runs Windows programs on Linux`.replace('  ', ' ')],
      error: null,
      fix: null,
      hints: [],
    };
  }

  if (goos !== 'linux' && goos !== 'android') {
    return refuse(what, `${goos} programs cannot run on ${host.goos}`, `run it on ${goos}`, explanation);
  }
  if (host.goos !== 'linux') return refuse(what, `QEMU user mode runs Linux programs on Linux hosts only, and this host is ${host.goos}`, 'run it in a Linux VM or container', explanation);

  if (goarch === host.goarch || host.nativeExtra.includes(goarch)) {
    const why = goarch === host.goarch ? `the host is ${host.goos}/${host.goarch}: it runs natively` : `the ${host.goarch} kernel runs ${goarch} programs natively (compat mode)`;
    return { kind: 'native', command: null, prefixArgs: [], env, explanation: [...explanation, why], error: null, fix: null, hints: [] };
  }

  const target = qemuTargetOf(goarch);
  if (!target) return refuse(what, `no QEMU user-mode target is known for ${goarch}`, null, explanation);
  if (!host.qemu) {
    return refuse(what, `no qemu-${target.qemuArch}-static or qemu-${target.qemuArch} found`, "install qemu-user-static, or run 'gocross setup'", explanation);
  }
  const steps = [...explanation, `the host is ${host.goos}/${host.goarch}: running it under ${host.qemu.path} (QEMU ${host.qemu.version ?? 'unknown version'}) directly, no binfmt_misc needed`];
  const prefixArgs: string[] = [];
  if (info.linkage === 'dynamic') {
    const s = host.sysroot;
    if (s?.sysroot) {
      prefixArgs.push('-L', s.sysroot);
      steps.push(`it is dynamically linked (loader ${info.interpreter ?? '?'}): QEMU looks for the loader and libraries under the sysroot ${s.sysroot} (-L)`);
    } else if (s?.loaderOnHost) {
      steps.push(`it is dynamically linked and its loader ${info.interpreter} is installed on the host (multiarch): no sysroot needed`);
    } else {
      const pkgs = sysrootPackages(goarch);
      return refuse(
        what,
        `it is dynamically linked (loader ${info.interpreter ?? 'unknown'}) and no sysroot containing the loader was found${s?.tried.length ? ` (tried ${s.tried.join(', ')})` : ''}`,
        `${pkgs.length ? `install ${pkgs.join(' or ')}` : 'install a cross libc for this arch'}, or pass --sysroot DIR`,
        steps,
      );
    }
  }
  const hints: string[] = [];
  if (info.go && !env.GODEBUG) {
    if (goarch === '386') hints.push('Go linux/386 programs often crash under qemu-i386 ("fatal: morestack on gsignal"); GODEBUG=asyncpreemptoff=1 (--async-preempt-off) avoids it');
    hints.push('if this Go program hangs or crashes under QEMU, retry with GODEBUG=asyncpreemptoff=1 (--async-preempt-off; golang/go#70329, #36981)');
  }
  return { kind: 'qemu', command: host.qemu.path, prefixArgs, env, explanation: steps, error: null, fix: null, hints };
}
