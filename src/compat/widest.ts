/**
 * The auditwheel-style answer when no target is named: the weakest conditions the binary needs,
 * the known profiles that meet them, and, for the rest, why not.
 */
import type { BinaryInfo } from '../binary/types.ts';
import { cpuLevel, describeLevel } from './cpu-levels.ts';

const lowest = new Set(['GOAMD64=v1', 'GOARM64=v8.0', 'GOPPC64=power8', 'GORISCV64=rva20u64']);
import { evaluate } from './evaluate.ts';
import { requirementsOf } from './requirements.ts';
import type { Profile, Requirements, Verdict } from './types.ts';

export interface WidestStatement {
  requirements: Requirements;
  /** The conditions in words: "glibc ≥ 2.34 with kernel ≥ 3.2 on arm64". */
  conditions: string;
  runsOn: string[];
  notOn: Verdict[];
  text: string;
}

export function describeRequirements(req: Requirements): string {
  const parts: string[] = [];
  if (req.os === 'linux') {
    if (req.libc === 'glibc') parts.push(req.glibc ? `glibc ≥ ${req.glibc}` : 'glibc');
    else if (req.libc === 'musl') parts.push('musl');
    else if (req.libc === 'none') parts.push('any libc (static)');
    else parts.push('Linux');
    if (req.glibcxx) parts.push(`libstdc++ with GLIBCXX ≥ ${req.glibcxx}`);
    if (req.kernel) parts.push(`kernel ≥ ${req.kernel}`);
  } else if (req.os === 'darwin') parts.push(req.osVersion ? `macOS ≥ ${req.osVersion}` : 'macOS');
  else if (req.os === 'windows') parts.push(req.osVersion ? `Windows ≥ ${req.osVersion}` : 'Windows');
  else parts.push(req.os);
  let text = parts.join(' with ');
  if (req.arch) text += ` on ${req.arch}`;
  // The lowest level of a setting is every CPU of the arch: not worth a clause.
  if (req.cpu && !lowest.has(`${req.cpu.setting}=${cpuLevel(req.cpu.level)}`)) text += ` (${describeLevel(req.cpu.setting, req.cpu.level)} or newer CPUs)`;
  return text;
}

/** Evaluates every candidate profile of the binary's OS and phrases the widest statement. */
export function widestStatement(info: BinaryInfo, profiles: readonly Profile[]): WidestStatement {
  const requirements = requirementsOf(info);
  const candidates = profiles.filter((p) => p.os === requirements.os);
  const verdicts = candidates.map((p) => evaluate(info, p));
  const runsOn = verdicts.filter((v) => v.runs).map((v) => v.profile);
  const notOn = verdicts.filter((v) => !v.runs);
  const conditions = describeRequirements(requirements);
  let text = `runs on ${conditions}`;
  text += runsOn.length > 0 ? `: ${runsOn.join(', ')}` : ': none of the known profiles';
  if (notOn.length > 0) {
    text += `; not on ${notOn.map((v) => `${v.profile} (${v.reasons.map((r) => r.message).join('; ')})`).join(', ')}`;
  }
  return { requirements, conditions, runsOn, notOn, text };
}
