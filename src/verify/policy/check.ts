/** A policy check is data plus a pure function over the reader's facts. */
import type { BinaryInfo } from '../../binary/types.ts';
import type { LinkagePolicy } from '../config.ts';
import type { Finding } from '../model.ts';

export interface PolicyCheck {
  id: string;
  title: string;
  /** Findings for this binary under this policy; empty when the check does not apply. */
  evaluate(info: BinaryInfo, policy: LinkagePolicy): Finding[];
}
