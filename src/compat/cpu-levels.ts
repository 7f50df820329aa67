/**
 * Go's CPU-level build settings, ordered from the lowest requirement up (cmd/go "Environment
 * variables": GOAMD64 v1–v4, GOARM 5–7, GOARM64 v8.0–v9.5, GOPPC64 power8–power10,
 * GORISCV64 rva20u64–rva23u64). A binary built for a level above a target's baseline may die
 * with SIGILL on that target's oldest supported CPUs.
 */
import type { GnuProperties } from '../binary/types.ts';
import type { CpuSetting } from './types.ts';
import { compareVersions } from './version.ts';

export const cpuSettingOf: Record<string, CpuSetting> = {
  amd64: 'GOAMD64',
  arm: 'GOARM',
  arm64: 'GOARM64',
  ppc64: 'GOPPC64',
  ppc64le: 'GOPPC64',
  riscv64: 'GORISCV64',
};

const ordered: Partial<Record<CpuSetting, string[]>> = {
  GOAMD64: ['v1', 'v2', 'v3', 'v4'],
  GOARM: ['5', '6', '7'],
  GOPPC64: ['power8', 'power9', 'power10'],
  GORISCV64: ['rva20u64', 'rva22u64', 'rva23u64'],
};

/** Drops options such as ",softfloat" or ",lse": only the level orders. */
export function cpuLevel(value: string): string {
  return value.split(',')[0]!.trim();
}

/** <0, 0, >0; null when either level is unknown to us. */
export function compareCpuLevels(setting: CpuSetting, a: string, b: string): number | null {
  const la = cpuLevel(a);
  const lb = cpuLevel(b);
  if (setting === 'GOARM64') {
    if (!/^v\d+\.\d+$/.test(la) || !/^v\d+\.\d+$/.test(lb)) return null;
    return compareVersions(la, lb);
  }
  const order = ordered[setting];
  if (!order) return null;
  const ia = order.indexOf(la);
  const ib = order.indexOf(lb);
  return ia < 0 || ib < 0 ? null : ia - ib;
}

/** How users name the level (x86-64-v3, ARMv6, ARMv8.1-A). */
export function describeLevel(setting: CpuSetting, level: string): string {
  const l = cpuLevel(level);
  switch (setting) {
    case 'GOAMD64':
      return `x86-64-${l}`;
    case 'GOARM':
      return `ARMv${l}`;
    case 'GOARM64':
      return `ARM${l}-A`;
    case 'GOPPC64':
      return l.toUpperCase();
    default:
      return l;
  }
}

/**
 * The x86-64 level a GNU_PROPERTY_X86_ISA_1_NEEDED note asks for (C code built with -march=… -mneeded),
 * in GOAMD64's words ('v1'…'v4'); null when the binary carries no such note.
 */
export function x86IsaLevel(properties: GnuProperties | undefined): string | null {
  const highest = properties?.x86IsaNeeded.at(-1);
  if (!highest) return null;
  return highest === 'x86-64-baseline' ? 'v1' : highest.replace(/^x86-64-/, '');
}
