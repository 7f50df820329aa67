import type { Check, Finding } from '../../../core/check.ts';
import type { HostFacts } from '../../facts.ts';
import { crossCompilerPackages, installCommand } from '../fixes.ts';
import { zigTarget } from '../../../platform/cross-compiler.ts';

/** CGO per target needs a C compiler for it and that target's libc to link against. */
export const crossCompilersCheck: Check<HostFacts> = {
  id: 'cross-cc',
  severity: 'warn',
  title: 'C compilers for CGO',
  evaluate(facts) {
    const findings: Finding[] = [];
    for (const cc of facts.crossCompilers) {
      const zigName = zigTarget({ goos: 'linux', goarch: cc.goarch }) ?? `${cc.goarch}-linux-gnu`;
      const zig = facts.zig ? ` (zig at ${facts.zig.path} can stand in: CC="zig cc -target ${zigName}")` : '';
      const what = `linux/${cc.goarch}${cc.native ? ' (native)' : ''}`;
      const pkgs = cc.native ? ['gcc'] : crossCompilerPackages(facts.packageManager, cc.goarch);
      if (!cc.path) {
        findings.push({
          status: facts.zig ? 'info' : 'warn',
          message: facts.zig ? `${what}: no gcc${zig}` : `${what}: no C compiler; CGO_ENABLED=1 builds cannot run`,
          fix: pkgs ? installCommand(facts.packageManager, pkgs) : 'install zig and use CC="zig cc -target <arch>-linux-gnu"',
        });
      } else if (!cc.targetLibc) {
        const el = facts.packageManager === 'dnf' || facts.packageManager === 'yum';
        findings.push({
          status: facts.zig ? 'info' : 'warn',
          message: `${what}: ${cc.path} has no target ${cc.native ? 'libc headers' : 'glibc to link against'}${el ? " (EL's cross gcc ships none)" : ''}${zig}`,
          fix: cc.native ? installCommand(facts.packageManager, [facts.packageManager === 'apt' ? 'libc6-dev' : facts.packageManager === 'apk' ? 'musl-dev' : 'glibc-devel']) : 'use zig cc, or point CGO_CFLAGS/CGO_LDFLAGS at a --sysroot of the target',
        });
      } else {
        findings.push({ status: 'pass', message: `${what}: ${cc.path}${cc.version ? ` ${cc.version}` : ''}, libc at ${cc.libcPath}` });
      }
    }
    return findings;
  },
};
