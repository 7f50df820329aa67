/**
 * What a device is, from the output of FACTS_SCRIPT (facts-script.ts). Pure. Everything in that
 * output came from the device and is data: lines are bounded, unknown keys ignored, a value that
 * does not parse leaves its fact unknown (null), and strings are escaped where they are shown.
 *
 * The GOARCH is the userland's — the ELF header of the device's own /bin/sh, looked up in the
 * platform table — not the kernel's: a Raspberry Pi OS armhf userland on an aarch64 kernel runs
 * `arm` binaries, and its arm64 kernel would run an arm64 binary only if the userland had one.
 */
import { archByElf } from '../../platform/lookup.ts';
import { ARCHES } from '../../platform/arches.ts';
import type { DeviceFacts } from '../model.ts';
import { PROBED_TOOLS } from './facts-script.ts';

/** More than any real output (cpu flags are the longest line, a few KiB). */
const MAX_OUTPUT = 64 * 1024;
const MAX_VALUE = 4096;

/** ARM e_flags: EF_ARM_ABI_FLOAT_HARD / _SOFT (ARM ELF ABI, "ARM-specific e_flags"). */
export const EF_ARM_ABI_FLOAT_HARD = 0x400;
export const EF_ARM_ABI_FLOAT_SOFT = 0x200;
const EM_ARM = 40;

/**
 * x86-64 micro-architecture levels (x86-64 psABI; Go's GOAMD64 v2–v4) in /proc/cpuinfo's names:
 * SSE3 is "pni", LZCNT is "abm", OSXSAVE shows as "xsave".
 */
export const X86_LEVEL_FLAGS: ReadonlyArray<{ level: 'v2' | 'v3' | 'v4'; flags: readonly string[] }> = [
  { level: 'v2', flags: ['cx16', 'lahf_lm', 'popcnt', 'pni', 'sse4_1', 'sse4_2', 'ssse3'] },
  { level: 'v3', flags: ['avx', 'avx2', 'bmi1', 'bmi2', 'f16c', 'fma', 'abm', 'movbe', 'xsave'] },
  { level: 'v4', flags: ['avx512f', 'avx512bw', 'avx512cd', 'avx512dq', 'avx512vl'] },
];

/** Everything the script printed, before interpretation: key → first value. */
export type RawFacts = Readonly<Record<string, string>>;

export function parseFactLines(stdout: string): RawFacts {
  const out: Record<string, string> = {};
  for (const line of stdout.slice(0, MAX_OUTPUT).split('\n')) {
    const m = /^([a-z][a-z0-9_]{0,31})=(.*)$/.exec(line);
    if (m && !(m[1]! in out)) out[m[1]!] = m[2]!.replace(/\r$/, '').slice(0, MAX_VALUE);
  }
  return out;
}

/** DeviceFacts plus what only preflight's notes need. */
export interface ParsedFacts extends DeviceFacts {
  /** The script ran to its last line (a cut-off output leaves facts unknown, not wrong). */
  complete: boolean;
  /** The GOARCH of `uname -m` (the kernel's), which may differ from `goarch`. */
  kernelGoarch: string | null;
  /** 32-bit ARM userland's float ABI from e_flags; null elsewhere or when unmarked. */
  floatAbi: 'hard' | 'soft' | null;
  /** PRETTY_NAME of /etc/os-release, if any. */
  os: string | null;
  /** PID 1's command name. */
  pid1: string | null;
}

export function parseFacts(stdout: string): ParsedFacts {
  const raw = parseFactLines(stdout);
  const unameMachine = raw.uname_m ?? '';
  const userland = elfHeader(raw.elf_head ?? '');
  const kernelGoarch = ARCHES.find((a) => a.unameM.includes(unameMachine))?.goarch ?? null;
  const userlandGoarch = userland ? (archByElf(userland.machine, userland.elfClass, userland.endian)?.goarch ?? null) : null;
  const goarch = userland ? userlandGoarch : kernelGoarch;
  const floatAbi = userland?.machine === EM_ARM ? ((userland.flags & EF_ARM_ABI_FLOAT_HARD) !== 0 ? 'hard' : (userland.flags & EF_ARM_ABI_FLOAT_SOFT) !== 0 ? 'soft' : null) : null;
  return {
    unameMachine,
    kernel: raw.uname_r ?? '',
    userland,
    goarch,
    cpuLevel: cpuLevelOf(goarch, raw),
    libc: libcOf(raw),
    init: raw.systemd_dir === 'yes' ? 'systemd' : 'other',
    systemdVersion: numberAfter(raw.systemctl, /^systemd (\d+)/),
    freeBytes: freeBytesOf(raw.df),
    tools: (raw.tools ?? '').split(' ').filter((t) => (PROBED_TOOLS as readonly string[]).includes(t)),
    complete: raw.end === 'ok',
    kernelGoarch,
    floatAbi,
    os: raw.os || null,
    pid1: raw.pid1 || null,
  };
}

/** e_ident class/data, e_machine and e_flags from the first 64 bytes in hex; null unless an ELF header. */
export function elfHeader(hex: string): DeviceFacts['userland'] {
  if (!/^[0-9a-f]{104,128}$/.test(hex) || hex.length % 2 !== 0) return null;
  const bytes = Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));
  if (bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) return null;
  const elfClass = bytes[4] === 1 ? 32 : bytes[4] === 2 ? 64 : null;
  const endian = bytes[5] === 1 ? 'little' : bytes[5] === 2 ? 'big' : null;
  if (elfClass === null || endian === null) return null;
  const flagsAt = elfClass === 32 ? 36 : 48;
  if (bytes.length < flagsAt + 4) return null;
  const view = new DataView(bytes.buffer);
  const little = endian === 'little';
  return { elfClass, machine: view.getUint16(18, little), endian, flags: view.getUint32(flagsAt, little) };
}

function cpuLevelOf(goarch: string | null, raw: RawFacts): DeviceFacts['cpuLevel'] {
  if (goarch === 'amd64' && raw.cpu_flags) {
    const flags = new Set(raw.cpu_flags.split(/\s+/));
    let level = 'v1';
    for (const step of X86_LEVEL_FLAGS) {
      if (!step.flags.every((f) => flags.has(f))) break;
      level = step.level;
    }
    return { setting: 'GOAMD64', level };
  }
  if (goarch === 'arm') {
    const arch = numberAfter(raw.cpu_arch, /^(\d+)/);
    const features = new Set((raw.cpu_features ?? '').split(/\s+/));
    // An ARMv8 core seen by a 64-bit kernel lists AArch64 features ("fp asimd"); its AArch32 state has VFPv4.
    if (arch !== null && arch >= 8) return { setting: 'GOARM', level: '7' };
    if (arch === null && !raw.cpu_features) return null;
    // Go's runtime refuses GOARM=7 without VFPv3 and GOARM=6 without VFP (runtime/os_linux_arm.go).
    if ((arch ?? 0) >= 7 && features.has('vfpv3')) return { setting: 'GOARM', level: '7' };
    if ((arch ?? 0) >= 6 && features.has('vfp')) return { setting: 'GOARM', level: '6' };
    return { setting: 'GOARM', level: '5' };
  }
  return null;
}

function libcOf(raw: RawFacts): DeviceFacts['libc'] {
  const glibc = versionIn(raw.glibc, /^glibc (\d+\.\d+)/) ?? versionIn(raw.libc_so_version, /release version (\d+\.\d+)/);
  if (glibc) return { kind: 'glibc', version: glibc };
  if (raw.musl) return { kind: 'musl', version: versionIn(raw.musl_version, /^(\d+\.\d+(?:\.\d+)?)/) };
  if (raw.libc_so || /glibc|gnu libc/i.test(raw.ldd ?? '')) return { kind: 'glibc', version: versionIn(raw.ldd, /^ldd \(.*\) (\d+\.\d+)\s*$/i) };
  return { kind: 'none', version: null };
}

function versionIn(value: string | undefined, pattern: RegExp): string | null {
  return value === undefined ? null : (pattern.exec(value)?.[1] ?? null);
}

function numberAfter(value: string | undefined, pattern: RegExp): number | null {
  const m = value === undefined ? null : pattern.exec(value);
  return m ? Number(m[1]) : null;
}

/** `df -Pk` data line: Filesystem 1024-blocks Used Available Capacity Mounted-on. */
function freeBytesOf(line: string | undefined): number | null {
  const fields = (line ?? '').trim().split(/\s+/);
  // The filesystem name may contain spaces; count from the capacity column ("31%").
  const capacity = fields.findIndex((f) => /^\d+%$/.test(f));
  if (capacity < 1) return null;
  const available = Number(fields[capacity - 1]);
  return Number.isSafeInteger(available) ? available * 1024 : null;
}
