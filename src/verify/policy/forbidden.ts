/**
 * Forbidden properties: each is a row of data (what it means, how to detect it, how to fix it).
 * Properties that do not apply to a format (RELRO on PE) are not reported.
 */
import type { BinaryInfo, ElfSecurity } from '../../binary/types.ts';
import type { Finding } from '../../core/check.ts';
import type { ForbiddenProperty } from '../config.ts';
import type { PolicyCheck } from './check.ts';

interface Property {
  /** true when the binary HAS the forbidden property; null when it does not apply. */
  present(info: BinaryInfo): boolean | null;
  message: string;
  /** What passing looks like, for the report. */
  okMessage: string;
  fix: string;
}

const elf = (info: BinaryInfo): ElfSecurity | null => (info.format === 'elf' ? (info.security as ElfSecurity) : null);

export const FORBIDDEN_PROPERTIES: Record<ForbiddenProperty, Property> = {
  'not-stripped': { present: (i) => !i.stripped, okMessage: 'stripped',
    message: 'has a symbol table (not stripped)', fix: "build with -ldflags='-s -w'" },
  'debug-info': { present: (i) => i.debugInfo, okMessage: 'no DWARF',
    message: 'carries DWARF debug info', fix: "build with -ldflags='-w'" },
  'no-nx': {
    present: (i) => ('nx' in i.security ? !i.security.nx : null),
    okMessage: 'NX on',
    message: 'has an executable stack/data (NX off)',
    fix: 'do not link with -z execstack; check C objects for .note.GNU-stack',
  },
  'no-pie': { present: (i) => !i.pie, okMessage: 'PIE',
    message: 'is not position independent (no ASLR)', fix: 'build with -buildmode=pie' },
  'no-relro': {
    present: (i) => {
      const e = elf(i);
      return e ? e.relro === 'none' : null;
    },
    okMessage: 'RELRO',
    message: 'has no RELRO',
    fix: "link with -ldflags='-extldflags=-Wl,-z,relro,-z,now' (cgo) or -buildmode=pie",
  },
  rpath: {
    present: (i) => i.rpath.length > 0 || i.runpath.length > 0,
    okMessage: 'no RPATH/RUNPATH',
    message: 'embeds an RPATH/RUNPATH',
    fix: 'drop -rpath from the C linker flags',
  },
  cgo: {
    present: (i) => (i.go ? i.go.settings.CGO_ENABLED === '1' : null),
    okMessage: 'no cgo',
    message: 'was built with cgo (CGO_ENABLED=1)',
    fix: 'build with CGO_ENABLED=0',
  },
  'no-build-id': {
    present: (i) => i.buildId.gnu === null && i.buildId.go === null,
    okMessage: 'has a build ID',
    message: 'has no build ID',
    fix: 'do not strip .note.go.buildid / .note.gnu.build-id',
  },
};

export const forbiddenCheck: PolicyCheck = {
  id: 'forbidden',
  severity: 'fail',
  title: 'Forbidden properties',
  evaluate({ info, policy }) {
    return policy.forbid.flatMap((name): Finding[] => {
      const p = FORBIDDEN_PROPERTIES[name];
      const present = p.present(info);
      if (present === null) return [];
      const code = `forbidden/${name}`;
      return [present ? { code, status: 'fail', message: p.message, fix: p.fix } : { code, status: 'pass', message: p.okMessage }];
    });
  },
};
