/**
 * Per-architecture sub-settings (GOARM, GOAMD64, …): which values a given Go release accepts.
 * The values live in the platform table (arches.ts); data from `go help environment` and the
 * release notes (REFERENCE.md "Go toolchain facts").
 */
import { ARCHES } from './arches.ts';
import { atLeast } from './go-version.ts';

import type { VariantName, VariantSpec } from './types.ts';

export type { VariantName, VariantSpec };

/** GOARCH → its sub-setting, from the platform table. */
export const VARIANTS: Readonly<Record<string, VariantSpec>> = Object.fromEntries(ARCHES.flatMap((a) => (a.variant ? [[a.goarch, a.variant]] : [])));

/** Every variant name gocross sets or clears for a build. */
export const VARIANT_NAMES: readonly VariantName[] = ['GOARM', 'GOAMD64', 'GOARM64', 'GO386', 'GOMIPS', 'GOMIPS64', 'GOPPC64', 'GORISCV64'];

/** The base values this Go release accepts for `goarch` (e.g. ["5", "6", "7"]). */
export function validVariantValues(goarch: string, goVersion: string): string[] {
  const spec = VARIANTS[goarch];
  if (!spec) return [];
  return spec.values.filter(([, since]) => atLeast(goVersion, since)).map(([v]) => v);
}

/** The `,option` suffixes this Go release accepts for `goarch` (e.g. ["softfloat", "hardfloat"]). */
export function validVariantSuffixes(goarch: string, goVersion: string): string[] {
  const spec = VARIANTS[goarch];
  return spec && atLeast(goVersion, spec.suffixesSince) ? [...spec.suffixes] : [];
}

/** "5, 6, 7 (each may add ,softfloat or ,hardfloat)" */
export function describeVariantValues(goarch: string, goVersion: string): string {
  const suffixes = validVariantSuffixes(goarch, goVersion);
  const base = validVariantValues(goarch, goVersion).join(', ');
  if (suffixes.length === 0) return base;
  const spec = VARIANTS[goarch]!;
  return `${base} (each may add ${suffixes.map((s) => `,${s}`).join(spec.multipleSuffixes ? ' and/or ' : ' or ')})`;
}

export type VariantCheck = { ok: true; name: VariantName; value: string } | { ok: false; reason: string };

/** Validates `value` (e.g. "7", "7,softfloat", "v8.2,lse,crypto") as the sub-setting for `goarch`. */
export function checkVariant(goarch: string, value: string, goVersion: string): VariantCheck {
  const spec = VARIANTS[goarch];
  if (!spec) return { ok: false, reason: `${goarch} has no sub-setting (variants exist for ${Object.keys(VARIANTS).join(', ')})` };
  const [base = '', ...suffixes] = value.split(',');
  const known = spec.values.find(([v]) => v === base);
  const valid = describeVariantValues(goarch, goVersion);
  if (!known) return { ok: false, reason: `${spec.name}=${base} is not a valid value (valid with ${goVersion === 'devel' ? 'any Go release' : goVersion}: ${valid})` };
  if (!atLeast(goVersion, known[1])) {
    return { ok: false, reason: `${spec.name}=${base} needs Go 1.${known[1]} or newer, this toolchain is ${goVersion} (valid: ${valid})` };
  }
  if (suffixes.length > 0) {
    if (spec.suffixes.length === 0) return { ok: false, reason: `${spec.name} takes no ",option" suffix (valid: ${valid})` };
    if (!atLeast(goVersion, spec.suffixesSince)) {
      return { ok: false, reason: `${spec.name}=…,${suffixes.join(',')} needs Go 1.${spec.suffixesSince} or newer, this toolchain is ${goVersion}` };
    }
    if (!spec.multipleSuffixes && suffixes.length > 1) return { ok: false, reason: `${spec.name} takes at most one of ,${spec.suffixes.join(' ,')}` };
    const bad = suffixes.find((s) => !spec.suffixes.includes(s));
    if (bad !== undefined) return { ok: false, reason: `${spec.name} option ",${bad}" is unknown (options: ,${spec.suffixes.join(' ,')})` };
    if (new Set(suffixes).size !== suffixes.length) return { ok: false, reason: `${spec.name} option repeated in "${value}"` };
  }
  return { ok: true, name: spec.name, value };
}

/** True for the words that only make sense as a suffix of the previous comma-separated item. */
export function isVariantSuffix(word: string): boolean {
  return Object.values(VARIANTS).some((s) => s.suffixes.includes(word));
}
