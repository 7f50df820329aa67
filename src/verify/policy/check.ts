/** A policy check is a core check over the reader's facts about one binary and the policy it must meet. */
import type { BinaryInfo } from '../../binary/types.ts';
import type { Check } from '../../core/check.ts';
import type { LinkagePolicy } from '../config.ts';

export interface PolicyFacts {
  info: BinaryInfo;
  policy: LinkagePolicy;
}

/** Findings carry `code` (e.g. "linkage/static-required"), which becomes the stage finding's id. */
export type PolicyCheck = Check<PolicyFacts>;
