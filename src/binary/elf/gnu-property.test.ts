/**
 * GNU property notes and FORTIFY_SOURCE, against C programs compiled here, with readelf -n and
 * checksec's --dyn-syms count as the oracles.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../../process/run.ts';
import { CACHE, lacks } from '../../../test/support/go.ts';
import type { ElfSecurity } from '../types.ts';
import { FORTIFIABLE_FUNCTIONS } from './constants.ts';
import { countFortify } from './fortify.ts';
import { inspect } from './testing/compare.ts';
import { checksecFortify, readelfProperties } from './testing/oracles.ts';

const SOURCE = `#include <stdio.h>
#include <string.h>
int main(int argc, char **argv) {
  char b[16];
  strcpy(b, argv[0]);
  memcpy(b, argv[0], argc);
  printf("%s %d\\n", b, argc);
  return b[1];
}
`;
const DIR = join(CACHE, 'test-bin', 'gnu-property');

interface Case {
  name: string;
  cc: string;
  flags: string[];
  expect: { x86IsaNeeded?: string[]; x86Features?: string[]; aarch64Features?: string[]; fortified?: boolean };
}

const CASES: Case[] = [
  { name: 'x86-64 -fcf-protection object', cc: 'gcc', flags: ['-c', '-O2', '-fcf-protection', '-march=x86-64-v2', '-mneeded'], expect: { x86Features: ['IBT', 'SHSTK'], x86IsaNeeded: ['x86-64-baseline', 'x86-64-v2'] } },
  { name: 'x86-64-v3 executable built with -mneeded', cc: 'gcc', flags: ['-O2', '-march=x86-64-v3', '-mneeded'], expect: { x86IsaNeeded: ['x86-64-baseline', 'x86-64-v2', 'x86-64-v3'] } },
  { name: 'x86-64 CET executable (-z ibt -z shstk)', cc: 'gcc', flags: ['-O2', '-fcf-protection', '-Wl,-z,ibt', '-Wl,-z,shstk'], expect: { x86Features: ['IBT', 'SHSTK'] } },
  { name: 'x86-64 -D_FORTIFY_SOURCE=2 executable', cc: 'gcc', flags: ['-O2', '-D_FORTIFY_SOURCE=2'], expect: { fortified: true } },
  { name: 'x86-64 -O0 executable (no fortification)', cc: 'gcc', flags: ['-O0', '-U_FORTIFY_SOURCE'], expect: { fortified: false } },
  { name: 'arm64 -mbranch-protection=standard object', cc: 'aarch64-linux-gnu-gcc', flags: ['-c', '-O2', '-mbranch-protection=standard'], expect: { aarch64Features: ['BTI', 'PAC'] } },
  { name: 'arm64 -D_FORTIFY_SOURCE=2 executable', cc: 'aarch64-linux-gnu-gcc', flags: ['-O2', '-D_FORTIFY_SOURCE=2'], expect: { fortified: true } },
];

describe('readElf() GNU properties and FORTIFY_SOURCE match readelf -n and checksec', () => {
  before(async () => {
    await mkdir(DIR, { recursive: true });
    await writeFile(join(DIR, 'prog.c'), SOURCE);
  });
  for (const c of CASES) {
    it(`${c.name}`, { skip: lacks(c.cc, 'readelf') }, async () => {
      const out = join(DIR, c.name.replaceAll(/[^a-z0-9]+/gi, '-'));
      await run(c.cc, [...c.flags, '-o', out, join(DIR, 'prog.c')], { timeoutMs: 120_000 });
      const info = await inspect(out);
      const oracle = await readelfProperties(out);
      assert.deepEqual(info.gnuProperties, oracle);
      for (const [key, words] of Object.entries(c.expect)) if (Array.isArray(words)) assert.deepEqual(oracle[key as keyof typeof oracle], words, `oracle ${key}`);
      const fortify = (info.security as ElfSecurity).fortify;
      assert.deepEqual(fortify, await checksecFortify(out, FORTIFIABLE_FUNCTIONS));
      if (c.expect.fortified !== undefined) {
        assert.equal(fortify!.fortified > 0, c.expect.fortified, JSON.stringify(fortify));
        assert.ok(fortify!.fortifiable >= 2, JSON.stringify(fortify));
      }
    });
  }
});

it('countFortify() counts each function once, checked or not, and ignores functions glibc does not fortify', () => {
  assert.deepEqual(countFortify(['__memcpy_chk', 'memcpy', 'strcpy', '__printf_chk', 'puts', '__stack_chk_fail', '__cxa_finalize']), { fortified: 2, fortifiable: 3 });
  assert.deepEqual(countFortify([]), { fortified: 0, fortifiable: 0 });
});
