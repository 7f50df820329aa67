/** All policy checks, and the policy stage's verdict from their findings. */
import type { BinaryInfo } from '../../binary/types.ts';
import type { LinkagePolicy } from '../config.ts';
import type { Finding } from '../model.ts';
import type { PolicyCheck } from './check.ts';
import { forbiddenCheck } from './forbidden.ts';
import { linkageCheck } from './linkage.ts';

export const POLICY_CHECKS: readonly PolicyCheck[] = [linkageCheck, forbiddenCheck];

export function evaluatePolicy(info: BinaryInfo, policy: LinkagePolicy, checks: readonly PolicyCheck[] = POLICY_CHECKS): Finding[] {
  return checks.flatMap((c) => c.evaluate(info, policy));
}

export type { PolicyCheck };
