/**
 * The one target type and its one grammar: `os/arch[/variant]` ("linux/arm/7",
 * "linux/arm64/v8.2,lse"). Every command parses target text here, and the `Target` it returns
 * travels; nothing downstream splits an id on "/" again. Lists, globs and negation over the
 * toolchain's `go tool dist list` live in target-syntax.ts, built on `splitTargetText`.
 */
import { TargetSyntaxError } from './errors.ts';
import { checkVariant, type VariantName } from './variants.ts';

export interface Variant {
  name: VariantName;
  value: string;
}

export interface Target {
  goos: string;
  goarch: string;
  variant?: Variant;
  /** "linux/arm/7", "linux/amd64", "linux/arm64/v8.2,lse" */
  id: string;
}

/** The written parts of one target (each may still be a glob pattern for parseTargets). */
export interface TargetText {
  goos: string;
  goarch: string;
  variant?: string;
}

const SHAPE = 'expected os/arch or os/arch/variant (e.g. linux/arm64, linux/arm/7, linux/amd64/v3)';

/** Splits one written target into its parts, or throws when it is not `os/arch[/variant]`. */
export function splitTargetText(text: string, item = text): TargetText {
  const parts = text.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw new TargetSyntaxError(item, `Cannot parse target "${item}": ${SHAPE}`);
  }
  const [goos = '', goarch = '', variant] = parts;
  return variant === undefined ? { goos, goarch } : { goos, goarch, variant };
}

export function targetId(goos: string, goarch: string, variantValue?: string): string {
  return variantValue === undefined ? `${goos}/${goarch}` : `${goos}/${goarch}/${variantValue}`;
}

/** A target with its variant checked against what `goVersion` accepts. */
export function makeTarget(goos: string, goarch: string, variantValue: string | undefined, goVersion: string): Target {
  if (variantValue === undefined) return { goos, goarch, id: targetId(goos, goarch) };
  const check = checkVariant(goarch, variantValue, goVersion);
  if (!check.ok) throw new TargetSyntaxError(targetId(goos, goarch, variantValue), `Cannot use target ${targetId(goos, goarch, variantValue)}: ${check.reason}`);
  return { goos, goarch, variant: { name: check.name, value: check.value }, id: targetId(goos, goarch, variantValue) };
}

export interface ParseTargetOptions {
  /** The Go release whose variant values count (default: any release gocross knows). */
  goVersion?: string;
  /** Accept a bare GOARCH ("arm64") as this OS ("linux/arm64"). */
  defaultGoos?: string;
}

/**
 * One concrete target, for commands that work without a toolchain's target list (doctor, setup):
 * no globs, no negation; the variant is checked against the table.
 */
export function parseTarget(text: string, options: ParseTargetOptions = {}): Target {
  const item = text.trim();
  const written = options.defaultGoos !== undefined && !item.includes('/') ? `${options.defaultGoos}/${item}` : item;
  const { goos, goarch, variant } = splitTargetText(written);
  if (!/^[a-z0-9]+$/.test(goos) || !/^[a-z0-9]+$/.test(goarch)) {
    throw new TargetSyntaxError(item, `Cannot parse target "${item}": GOOS and GOARCH are lower-case letters and digits (e.g. linux/arm64)`);
  }
  // A devel toolchain counts as newer than every release: any value some Go release accepts.
  return makeTarget(goos, goarch, variant, options.goVersion ?? 'devel');
}

/** One entry of `go tool dist list -json`. */
export interface TargetInfo {
  goos: string;
  goarch: string;
  cgoSupported: boolean;
  firstClass: boolean;
  broken: boolean;
}
