/**
 * Which artifact of dist/manifest.json a device gets. Pure. `auto`: the linux artifacts of the
 * device's (userland) GOARCH, and among them the highest CPU level the device has — GOARM for
 * 32-bit ARM, GOAMD64 for amd64 — never one above it. A fixed target must be one the device runs.
 */
import type { Manifest, ManifestArtifact } from '../../gobuild/manifest.ts';
import { compareCpuLevels, cpuLevel, describeLevel } from '../../compat/cpu-levels.ts';
import type { CpuSetting } from '../../compat/types.ts';
import { printable } from '../../util/printable.ts';
import type { DeviceFacts } from '../model.ts';

export type ArtifactChoice =
  | { ok: true; artifact: ManifestArtifact; note: string | null }
  | { ok: false; reason: string; fix: string };

/**
 * The CPU level an artifact was built for: its variant, else the setting in its build
 * environment, else Go's default (GOAMD64=v1; GOARM=7 when cross-compiling).
 */
export function artifactLevel(a: ManifestArtifact, setting: CpuSetting): string {
  const written = a.variant?.name === setting ? a.variant.value : a.env[setting];
  if (written) return cpuLevel(written);
  return setting === 'GOARM' ? '7' : 'v1';
}

/** "arm (userland; kernel aarch64), GOARM 6, glibc 2.36" — device strings escaped. */
export function describeDevice(facts: DeviceFacts): string {
  const arch = facts.goarch ?? `unknown arch (uname -m ${printable(facts.unameMachine) || '?'})`;
  const kernel = facts.unameMachine && facts.goarch && !kernelRuns(facts) ? ` on a ${printable(facts.unameMachine)} kernel` : '';
  const level = facts.cpuLevel ? `, ${describeLevel(facts.cpuLevel.setting, facts.cpuLevel.level)}` : '';
  const libc = facts.libc.kind === 'none' ? ', no libc found' : `, ${facts.libc.kind}${facts.libc.version ? ` ${facts.libc.version}` : ''}`;
  return `linux/${arch}${kernel}${level}${libc}`;
}

function kernelRuns(facts: DeviceFacts): boolean {
  const m = facts.unameMachine;
  if (facts.goarch === 'amd64') return m === 'x86_64';
  if (facts.goarch === 'arm64') return m === 'aarch64' || m === 'arm64';
  if (facts.goarch === 'arm') return /^arm/.test(m);
  return true;
}

export function chooseArtifact(manifest: Pick<Manifest, 'artifacts'>, facts: DeviceFacts, target: 'auto' | string): ArtifactChoice {
  const linux = manifest.artifacts.filter((a) => a.goos === 'linux');
  const has = linux.length ? linux.map((a) => a.target).join(', ') : 'no linux artifacts';
  const device = describeDevice(facts);
  if (facts.goarch === null) {
    return { ok: false, reason: `cannot tell which architecture the device runs (${device})`, fix: 'check that /bin/sh on the device is an ELF executable and uname works' };
  }
  const setting: CpuSetting | null = facts.goarch === 'arm' ? 'GOARM' : facts.goarch === 'amd64' ? 'GOAMD64' : null;
  const deviceLevel = facts.cpuLevel?.level ?? null;
  const runs = (a: ManifestArtifact): boolean =>
    a.goarch === facts.goarch && (setting === null || deviceLevel === null || (compareCpuLevels(setting, artifactLevel(a, setting), deviceLevel) ?? 1) <= 0);
  const suggestion = `gocross build -t linux/${facts.goarch}${facts.cpuLevel ? `/${facts.cpuLevel.level}` : ''}`;

  if (target !== 'auto') {
    const fixed = manifest.artifacts.find((a) => a.target === target);
    if (!fixed) return { ok: false, reason: `dist/ has no ${target} artifact (it has ${has})`, fix: `gocross build -t ${target}` };
    if (!runs(fixed)) {
      return { ok: false, reason: `deploy.service.target ${target} does not run on this device (${device})`, fix: `${suggestion}, and set deploy.service.target to auto or to that target` };
    }
    return { ok: true, artifact: fixed, note: null };
  }

  const candidates = linux.filter(runs);
  if (candidates.length === 0) {
    const sameArch = linux.filter((a) => a.goarch === facts.goarch);
    const why = sameArch.length ? `its ${facts.goarch} artifacts (${sameArch.map((a) => a.target).join(', ')}) need a newer CPU` : `dist/ has ${has}`;
    return { ok: false, reason: `no artifact in dist/ runs on this device (${device}): ${why}`, fix: suggestion };
  }
  if (!setting) return { ok: true, artifact: candidates[0]!, note: null };
  if (deviceLevel === null) {
    const safest = pick(candidates, setting, -1);
    return { ok: true, artifact: safest, note: `cannot tell the device's ${setting} level: chose the lowest, ${safest.target}` };
  }
  return { ok: true, artifact: pick(candidates, setting, 1), note: null };
}

/** The candidate with the highest (direction 1) or lowest (-1) level; the first of equals. */
function pick(candidates: readonly ManifestArtifact[], setting: CpuSetting, direction: 1 | -1): ManifestArtifact {
  return candidates.reduce((b, a) => ((compareCpuLevels(setting, artifactLevel(a, setting), artifactLevel(b, setting)) ?? 0) * direction > 0 ? a : b));
}
