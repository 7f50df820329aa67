/** The doctor checks, in report order. */
import type { Check } from '../../../core/check.ts';
import type { HostFacts } from '../../facts.ts';
import { binfmtCheck } from './binfmt.ts';
import { binutilsCheck } from './binutils.ts';
import { crossCompilersCheck } from './cross-cc.ts';
import { goCacheCheck } from './gocache.ts';
import { goToolchainsCheck } from './go-toolchains.ts';
import { goenvFileCheck } from './goenv-file.ts';
import { goToolchainSettingCheck } from './gotoolchain.ts';
import { kernelCheck } from './kernel.ts';
import { libcCheck } from './libc.ts';
import { lockCheck } from './lock.ts';
import { osCheck } from './os.ts';
import { packageManagerCheck } from './package-manager.ts';
import { qemuCheck } from './qemu.ts';

export const checks: readonly Check<HostFacts>[] = [
  osCheck,
  kernelCheck,
  libcCheck,
  packageManagerCheck,
  binutilsCheck,
  goToolchainsCheck,
  goenvFileCheck,
  goToolchainSettingCheck,
  crossCompilersCheck,
  qemuCheck,
  binfmtCheck,
  goCacheCheck,
  lockCheck,
];
