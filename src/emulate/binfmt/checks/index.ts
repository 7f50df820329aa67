/** The binfmt_misc checks, in report order. `gocross binfmt status` runs them all; doctor reuses them. */
import type { Check } from '../../../core/check.ts';
import type { BinfmtFacts } from '../facts.ts';
import { enabledCheck } from './enabled.ts';
import { entryEnabledCheck } from './entry-enabled.ts';
import { fFlagCheck } from './f-flag.ts';
import { hostArchCheck } from './host-arch.ts';
import { interpreterExistsCheck } from './interpreter-exists.ts';
import { interpreterStaticCheck } from './interpreter-static.ts';
import { mountedCheck } from './mounted.ts';
import { overlapCheck } from './overlap.ts';
import { pFlagCheck } from './p-flag.ts';
import { unreadableCheck } from './unreadable.ts';

export const BINFMT_CHECKS: readonly Check<BinfmtFacts>[] = [
  mountedCheck,
  enabledCheck,
  unreadableCheck,
  entryEnabledCheck,
  interpreterExistsCheck,
  hostArchCheck,
  fFlagCheck,
  interpreterStaticCheck,
  pFlagCheck,
  overlapCheck,
];
