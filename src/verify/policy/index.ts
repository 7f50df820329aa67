/** All policy checks, and the policy stage's findings from them. */
import type { BinaryInfo } from '../../binary/types.ts';
import { runChecks } from '../../core/check.ts';
import type { LinkagePolicy } from '../config.ts';
import type { Finding } from '../model.ts';
import type { PolicyCheck, PolicyFacts } from './check.ts';
import { forbiddenCheck } from './forbidden.ts';
import { linkageCheck } from './linkage.ts';

export const POLICY_CHECKS: readonly PolicyCheck[] = [linkageCheck, forbiddenCheck];

/** The stage findings: each keeps its finer code ("linkage/static-required") as its id. */
export function evaluatePolicy(info: BinaryInfo, policy: LinkagePolicy, checks: readonly PolicyCheck[] = POLICY_CHECKS): Finding[] {
  return runChecks(checks, { info, policy }).flatMap((r) => r.findings.map(({ code, ...f }) => ({ id: code ?? r.id, ...f })));
}

export type { PolicyCheck, PolicyFacts };
