/** planSetup(): the host facts and targets in, the exact package-manager steps out (pure). */
import { planApk } from './families/apk.ts';
import { planApt } from './families/apt.ts';
import { planDnf } from './families/dnf.ts';
import { planZypper } from './families/zypper.ts';
import { needsFor } from './needs.ts';
import type { PlanInput, SetupPlan } from './types.ts';

export function planSetup(input: PlanInput): SetupPlan {
  const needs = needsFor(input.targets, input.hostGoarch, input.cgo ?? true);
  const family = (() => {
    switch (input.packageManager) {
      case 'apt':
        return planApt(input, needs);
      case 'dnf':
      case 'yum':
        return planDnf(input, needs);
      case 'apk':
        return planApk(input, needs);
      case 'zypper':
        return planZypper(input, needs);
    }
  })();
  const notes = [...family.notes];
  const pureGo = input.targets.filter((t) => t.goos !== 'linux');
  if (pureGo.length > 0) notes.push(`${pureGo.map((t) => t.id).join(', ')}: Go cross-compiles these without extra packages (CGO_ENABLED=0)`);
  return {
    packageManager: input.packageManager,
    family: input.family,
    os: `${input.osId} ${input.versionId}`.trim(),
    targets: input.targets.map((t) => t.id),
    steps: family.steps,
    notes,
  };
}
