/** A plan as the shell commands a user could paste (text), never executed from here. */
import { commandLine } from '../process/run.ts';
import type { SetupPlan, SetupStep } from '../setup/types.ts';

function stepCommand(step: SetupStep, sudo: boolean): string {
  if (step.writeFile) {
    return `${sudo ? 'sudo tee' : 'tee'} ${step.writeFile.path} >/dev/null <<'EOF'\n${step.writeFile.content}EOF`;
  }
  const env = Object.entries(step.env ?? {}).map(([k, v]) => `${k}=${v}`);
  const argv = sudo ? ['sudo', ...(env.length > 0 ? ['env', ...env] : []), ...step.command] : [...step.command];
  const line = commandLine(argv[0]!, argv.slice(1));
  return !sudo && env.length > 0 ? `${env.join(' ')} ${line}` : line;
}

export function renderPlan(plan: SetupPlan, sudo: boolean): string {
  const lines = [`# gocross setup plan for ${plan.os} (${plan.packageManager}), targets: ${plan.targets.join(', ') || '(none)'}`];
  for (const step of plan.steps) {
    lines.push(`# ${step.description}`);
    lines.push(stepCommand(step, sudo));
  }
  for (const note of plan.notes) lines.push(`# note: ${note}`);
  return `${lines.join('\n')}\n`;
}
