/** planSetup(): the host facts and targets in, the exact package-manager steps out (pure). */
import { planApk } from './families/apk.ts';
import { planApt } from './families/apt.ts';
import { planDnf } from './families/dnf.ts';
import { planZypper } from './families/zypper.ts';
import { needsFor } from './needs.ts';
import type { PlanInput, SetupPlan, SetupStep } from './types.ts';

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

/**
 * The plan for a host that already has `installed`: those packages leave the install steps (the
 * command keeps its flags), an install step left empty goes, and with nothing left to install the
 * repo and refresh steps go too. What was dropped is listed in `alreadyInstalled` and a note.
 */
export function withoutInstalled(plan: SetupPlan, installed: ReadonlySet<string>): SetupPlan {
  const already = new Set<string>();
  const steps: SetupStep[] = [];
  for (const step of plan.steps) {
    if (step.kind !== 'install' || !step.packages) {
      steps.push(step);
      continue;
    }
    const have = step.packages.filter((p) => installed.has(p));
    for (const p of have) already.add(p);
    const need = step.packages.filter((p) => !installed.has(p));
    if (need.length === 0) continue;
    steps.push({ ...step, command: [...step.command.filter((a) => !step.packages!.includes(a)), ...need], packages: need });
  }
  if (already.size === 0) return plan;
  const installing = steps.some((s) => s.kind === 'install');
  const notes = [...plan.notes, `already installed: ${[...already].join(', ')} (not planned again)`];
  return { ...plan, steps: installing ? steps : [], notes, alreadyInstalled: [...already] };
}
