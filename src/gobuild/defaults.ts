/** What gocross builds when nothing says otherwise. */
import type { GocrossConfig } from '../config/types.ts';
import { DEFAULT_TARGETS } from '../platform/target-syntax.ts';

/** The configured set: the config's `targets` (string or list), else the built-in defaults. */
export function configuredTargetSpec(config: GocrossConfig): string {
  if (Array.isArray(config.targets)) return config.targets.join(',');
  return config.targets ?? DEFAULT_TARGETS;
}

/**
 * The spec to use: the flag, else the configured set. A flag given empty stays empty (and is
 * refused by parseTargets) instead of silently meaning the defaults; a flag of negations only is
 * applied to the configured set (pass configuredTargetSpec as parseTargets' base).
 */
export function targetSpecOf(flag: string | undefined, config: GocrossConfig): string {
  return flag ?? configuredTargetSpec(config);
}
