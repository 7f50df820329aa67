/** CompatJudge backed by src/compat: built-in profiles plus the config's custom ones. */
import { evaluate } from '../../compat/evaluate.ts';
import { mergeProfiles, profilesFromConfig } from '../../compat/custom.ts';
import { builtinProfiles, findProfile, profileNames } from '../../compat/profiles.ts';
import type { Profile } from '../../compat/types.ts';
import type { CompatJudge } from '../deps.ts';
import { VerifyConfigError } from '../config.ts';

export function compatJudge(customSection?: unknown): CompatJudge {
  const profiles: Profile[] = customSection ? mergeProfiles(builtinProfiles, profilesFromConfig(customSection, builtinProfiles)) : [...builtinProfiles];
  const lookup = (name: string): Profile => {
    const p = findProfile(profiles, name);
    if (!p) throw new VerifyConfigError('verify.profiles', `unknown deploy profile "${name}" (known: ${profileNames(profiles).join(', ')}; or define it under profiles)`);
    return p;
  };
  return {
    checkProfileNames(names) {
      for (const n of names) lookup(n);
    },
    evaluate(info, names) {
      return names.map((name) => {
        const verdict = evaluate(info, lookup(name));
        return { profile: verdict.profile, runs: verdict.runs, reasons: verdict.reasons.map((r) => r.message) };
      });
    },
  };
}
