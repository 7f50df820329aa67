/**
 * Target specs: `os/arch[/variant]`, comma lists, globs (`linux/*`, `*\/arm64`, `linux/arm/*`),
 * negation (`!linux/386`). Items apply in order: a negation removes what the items before it
 * selected, and a spec of negations only (`!windows/*`) starts from the default set (the caller's
 * `base`, else DEFAULT_TARGETS). An empty spec, or one that selects nothing, is an error.
 * Variants are checked against the toolchain's Go version.
 * Comma-bearing variants stay writable in a list: `linux/arm/7,softfloat,linux/amd64`.
 */
import { TargetSyntaxError } from './errors.ts';
import type { TargetInfo } from './target.ts';
import { atLeast } from './go-version.ts';
import { makeTarget, splitTargetText, type Target } from './target.ts';
import { isVariantSuffix, VARIANTS } from './variants.ts';

/** The common release set: the first-class desktop/server ports plus 32-bit ARM v7 boards. */
export const DEFAULT_TARGETS = 'linux/amd64,linux/arm64,linux/arm/7,darwin/amd64,darwin/arm64,windows/amd64';

export interface ParseTargetsOptions {
  /** What a spec of negations only starts from (default DEFAULT_TARGETS), e.g. the config's targets. */
  base?: string;
  /** Where `available` came from, for messages (default `Go <goVersion>`). */
  source?: string;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/** Splits on commas, gluing `,softfloat`-style options back onto the variant before them. */
export function splitSpec(spec: string): string[] {
  const items: string[] = [];
  for (const raw of spec.split(',')) {
    const word = raw.trim();
    if (!word) continue;
    const previous = items[items.length - 1];
    if (!word.includes('/') && isVariantSuffix(word) && previous !== undefined && previous.split('/').length === 3) {
      items[items.length - 1] = `${previous},${word}`;
    } else {
      items.push(word);
    }
  }
  return items;
}

function describeValid(available: readonly TargetInfo[], goos: string): string {
  const sameOs = available.filter((t) => t.goos === goos && !t.broken);
  const list = (sameOs.length > 0 ? sameOs : available.filter((t) => !t.broken)).map((t) => `${t.goos}/${t.goarch}`);
  return `${sameOs.length > 0 ? `valid ${goos} targets` : 'valid targets'}: ${list.join(', ')}`;
}

const isNegation = (item: string): boolean => item.startsWith('!');

/**
 * The spec as it applies: unchanged, or after `base` (default DEFAULT_TARGETS) when it has only
 * negations. For callers that hand the spec on (verify's builder) instead of parsing it here.
 */
export function specWithBase(spec: string, base: string = DEFAULT_TARGETS): string {
  const items = splitSpec(spec);
  if (items.length === 0 || !items.every(isNegation)) return spec;
  // A base that only removes (config `targets: '!windows/*'`) itself starts from the built-in set.
  const from = base === spec || splitSpec(base).length === 0 ? DEFAULT_TARGETS : base;
  return `${specWithBase(from)},${spec}`;
}

/** The items to apply, or a clear error for an empty spec. */
function itemsToApply(spec: string, base: string | undefined): string[] {
  const items = splitSpec(specWithBase(spec, base));
  if (items.length === 0) {
    throw new TargetSyntaxError(spec, 'Cannot parse targets: the list is empty (write e.g. linux/amd64,linux/arm64, or leave it out for the default targets)');
  }
  return items;
}

/** Resolves a spec to concrete targets, in the order written, without duplicates. */
export function parseTargets(spec: string, available: readonly TargetInfo[], goVersion: string, options: ParseTargetsOptions = {}): Target[] {
  const source = options.source ?? `Go ${goVersion}`;
  const selected = new Map<string, Target>();
  for (const item of itemsToApply(spec, options.base)) {
    const negate = isNegation(item);
    const body = negate ? item.slice(1) : item;
    const { goos: osPat, goarch: archPat, variant: variantPat } = splitTargetText(body, item);
    const isGlob = /[*?]/.test(osPat) || /[*?]/.test(archPat);
    const osRe = globToRegExp(osPat);
    const archRe = globToRegExp(archPat);
    const matches = available.filter((t) => osRe.test(t.goos) && archRe.test(t.goarch) && (!isGlob || !t.broken));
    if (negate) {
      for (const [id, t] of selected) {
        if (!osRe.test(t.goos) || !archRe.test(t.goarch)) continue;
        if (variantPat === undefined || variantPat === '*' || t.variant?.value === variantPat) selected.delete(id);
      }
      continue;
    }
    if (matches.length === 0) {
      throw new TargetSyntaxError(item, `Cannot use target "${item}": ${isGlob ? 'the pattern matches no target' : 'not a target'} of ${source} (${describeValid(available, osPat)})`);
    }
    for (const m of matches) {
      if (m.broken) throw new TargetSyntaxError(item, `Cannot use target "${item}": ${source} marks ${m.goos}/${m.goarch} as broken`);
      for (const t of expandVariant(m, variantPat, goVersion)) selected.set(t.id, t);
    }
  }
  if (selected.size === 0) throw new TargetSyntaxError(spec, `Cannot use targets "${spec}": the spec selects no target (its negations remove everything before them)`);
  return [...selected.values()];
}

function expandVariant(info: TargetInfo, variantPat: string | undefined, goVersion: string): Target[] {
  if (variantPat === undefined) return [makeTarget(info.goos, info.goarch, undefined, goVersion)];
  if (variantPat === '*') {
    const spec = VARIANTS[info.goarch];
    if (!spec) throw new TargetSyntaxError(`${info.goos}/${info.goarch}/*`, `Cannot use target ${info.goos}/${info.goarch}/*: ${info.goarch} has no sub-setting`);
    return spec.values.filter(([, since]) => atLeast(goVersion, since)).map(([v]) => makeTarget(info.goos, info.goarch, v, goVersion));
  }
  return [makeTarget(info.goos, info.goarch, variantPat, goVersion)];
}

/** The folder-name form of a target: linux_arm_7, linux_arm64_v8.2-lse. */
export function targetSlug(target: Target): string {
  return [target.goos, target.goarch, ...(target.variant ? [target.variant.value.replace(/,/g, '-')] : [])].join('_');
}
