/**
 * The checksec-like security rows of the inspect detail block, worded as checksec words them
 * ("Full RELRO", "Canary found", "NX enabled", "PIE enabled", "No RPATH"), each marked good or bad.
 */
import type { ElfSecurity, MachoSecurity, PeSecurity, Security } from '../../binary/types.ts';
import type { Painter } from '../style.ts';

export interface SecurityRow {
  label: string;
  value: string;
  /** good → green, bad → red, neutral → uncoloured. */
  verdict: 'good' | 'bad' | 'neutral';
}

function isElf(s: Security): s is ElfSecurity {
  return 'relro' in s;
}
function isPe(s: Security): s is PeSecurity {
  return 'aslr' in s;
}
function isMacho(s: Security): s is MachoSecurity {
  return 'allowStackExecution' in s;
}

const row = (label: string, good: boolean, yes: string, no: string): SecurityRow => ({
  label,
  value: good ? yes : no,
  verdict: good ? 'good' : 'bad',
});

export function securityRows(security: Security): SecurityRow[] {
  if (isElf(security)) {
    const relro = { full: 'Full RELRO', partial: 'Partial RELRO', none: 'No RELRO' }[security.relro];
    return [
      { label: 'RELRO', value: relro, verdict: security.relro === 'full' ? 'good' : security.relro === 'partial' ? 'neutral' : 'bad' },
      row('Stack canary', security.canary, 'Canary found', 'No canary found'),
      row('NX', security.nx, 'NX enabled', 'NX disabled'),
      row('PIE', security.pie, 'PIE enabled', 'No PIE'),
      row('RPATH', !security.rpath, 'No RPATH', 'RPATH'),
      row('RUNPATH', !security.runpath, 'No RUNPATH', 'RUNPATH'),
      ...(security.fortify
        ? [
            security.fortify.fortifiable === 0
              ? { label: 'FORTIFY', value: 'No fortifiable functions', verdict: 'neutral' as const }
              : row('FORTIFY', security.fortify.fortified > 0, `Fortified ${security.fortify.fortified}/${security.fortify.fortifiable}`, `Not fortified (0/${security.fortify.fortifiable})`),
          ]
        : []),
    ];
  }
  if (isPe(security)) {
    return [
      row('ASLR', security.aslr, 'Dynamic base', 'No dynamic base'),
      row('High entropy VA', security.highEntropyVa, 'Enabled', 'Disabled'),
      row('NX (DEP)', security.nx, 'NX compatible', 'Not NX compatible'),
      row('CFG', security.cfg, 'Control Flow Guard', 'No Control Flow Guard'),
    ];
  }
  if (isMacho(security)) {
    return [
      row('PIE', security.pie, 'PIE enabled', 'No PIE'),
      row('Stack execution', !security.allowStackExecution, 'Not allowed', 'Allowed'),
      row('Heap execution', security.noHeapExecution, 'Not allowed', 'Allowed'),
    ];
  }
  return [];
}

export function paintVerdict(paint: Painter, r: SecurityRow): string {
  return r.verdict === 'good' ? paint('green', r.value) : r.verdict === 'bad' ? paint('red', r.value) : paint('yellow', r.value);
}
