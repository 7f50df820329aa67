/** Turning the user's --on list (ids, aliases, custom names) into profiles, with a helpful error. */
import { findProfile } from './profiles.ts';
import type { Profile } from './types.ts';
import { GocrossError } from '../core/errors.ts';

/** A `usage` error: --on names a profile that does not exist. */
export class UnknownProfileError extends GocrossError {
  readonly names: string[];
  constructor(names: string[], known: readonly Profile[]) {
    super('usage', `Cannot check compatibility: unknown profile ${names.map((n) => `'${n}'`).join(', ')} (known: ${known.map((p) => p.id).join(', ')}; add custom ones under 'profiles' in gocross.config.yaml)`);
    this.names = names;
  }
}

export function resolveProfiles(names: readonly string[], profiles: readonly Profile[]): Profile[] {
  const found: Profile[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const p = findProfile(profiles, name);
    if (p) {
      if (!found.includes(p)) found.push(p);
    } else unknown.push(name);
  }
  if (unknown.length > 0) throw new UnknownProfileError(unknown, profiles);
  return found;
}
