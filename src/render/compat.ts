/**
 * `gocross compat` as text: a profile per line, and per binary its verdicts or widest statement.
 * File names, strings from the binary (interpreter, symbol names in reasons) and custom profiles from
 * a config are untrusted: each goes through printable().
 */
import type { BinaryInfo } from '../binary/types.ts';
import { requirementsOf } from '../compat/requirements.ts';
import type { Profile, Verdict } from '../compat/types.ts';
import { describeRequirements, type WidestStatement } from '../compat/widest.ts';
import { paint } from './style.ts';
import { printable } from '../util/printable.ts';

export function profileLine(p: Profile): string {
  const libc = p.os === 'linux' ? `${p.libc ?? '?'} ${p.libcVersion ?? ''}`.trim() : `${p.os} ${p.osVersion ?? ''}`.trim();
  const kernel = p.os === 'linux' ? `kernel ${p.kernel ?? 'varies'}` : '';
  const cpu = Object.entries(p.cpu ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
  return printable(`${p.id.padEnd(16)} ${p.name.padEnd(34)} ${libc.padEnd(12)} ${kernel.padEnd(12)} ${p.arches.join(',')}${cpu ? `  ${cpu}` : ''}${p.custom ? '  (custom)' : ''}`);
}

function heading(file: string, info: BinaryInfo): string {
  const req = requirementsOf(info);
  const what = [`${req.os}/${req.arch ?? info.machine}`, info.go?.version, info.linkage, info.interpreter ? `interpreter ${info.interpreter}` : null].filter(Boolean).join(', ');
  return printable(`${file} (${what})`);
}

/** One binary's block: its heading, then the widest statement and/or a verdict per profile. */
export function compatBlock(file: string, info: BinaryInfo, result: { verdicts?: Verdict[]; widest?: WidestStatement }, color: boolean): string {
  const c = color;
  let text = `${paint(c, 'bold', heading(file, info))}\n`;
  if (result.widest) {
    const w = result.widest;
    text += `  runs on ${printable(describeRequirements(w.requirements))}: ${w.runsOn.length > 0 ? paint(c, 'green', printable(w.runsOn.join(', '))) : 'none of the known profiles'}\n`;
    for (const v of w.notOn) text += `  ${paint(c, 'red', `not on ${printable(v.profile)}`)}: ${printable(v.reasons.map((r) => r.message).join('; '))}\n`;
  }
  for (const v of result.verdicts ?? []) {
    const mark = v.runs ? paint(c, 'green', '✓ runs') : paint(c, 'red', '✗ fails');
    text += `  ${mark} on ${printable(`${v.profile} (${v.profileName})`)}\n`;
    for (const r of v.reasons) text += `      ${printable(r.message)}${r.fix ? `\n      fix: ${printable(r.fix)}` : ''}\n`;
    for (const n of v.notes) text += `      ${paint(c, 'gray', `note: ${printable(n)}`)}\n`;
  }
  return text;
}
