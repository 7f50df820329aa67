/** ELF hardening properties as checksec reports them (pure). */
import type { ElfSecurity } from '../types.ts';
import { DF_1_NOW, DF_BIND_NOW, PF_X, PT_GNU_RELRO, PT_GNU_STACK } from './constants.ts';

export interface SecurityFacts {
  segments: { type: number; flags: number }[];
  bindNow: boolean;
  flags: number;
  flags1: number;
  pie: boolean;
  canary: boolean;
  rpath: string[];
  runpath: string[];
  fortify?: { fortified: number; fortifiable: number };
}

export function elfSecurity(f: SecurityFacts): ElfSecurity {
  const stack = f.segments.find((p) => p.type === PT_GNU_STACK);
  const hasRelro = f.segments.some((p) => p.type === PT_GNU_RELRO);
  const now = f.bindNow || (f.flags & DF_BIND_NOW) !== 0 || (f.flags1 & DF_1_NOW) !== 0;
  return {
    nx: stack !== undefined && (stack.flags & PF_X) === 0,
    relro: !hasRelro ? 'none' : now ? 'full' : 'partial',
    pie: f.pie,
    canary: f.canary,
    rpath: f.rpath.length > 0,
    runpath: f.runpath.length > 0,
    ...(f.fortify ? { fortify: f.fortify } : {}),
  };
}
