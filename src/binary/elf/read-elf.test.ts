/**
 * Differential tests: readElf() against readelf, file(1) and `go version -m` on real Go cross
 * builds (pure Go for every Linux arch, FreeBSD, PIE, -s -w, cgo arm64/amd64) and host binaries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { ElfSecurity } from '../types.ts';
import { CGO_AMD64, CGO_ARM64, ELF_CORPUS, build, type CorpusEntry } from './testing/corpus.ts';
import { compareWithFile, compareWithGoVersion, compareWithReadelf, inspect } from './testing/compare.ts';
import { lacks } from '../../../test/support/go.ts';

// Build the corpus up front (cached; the first cold run builds in parallel with go's own parallelism).
const corpusPaths = new Map<CorpusEntry, Promise<string>>();
const pathOf = (e: CorpusEntry): Promise<string> => {
  let p = corpusPaths.get(e);
  if (!p) corpusPaths.set(e, (p = build(e)));
  return p;
};

for (const entry of ELF_CORPUS) {
  test(`readElf() agrees with readelf, file and go version -m on ${entry.label}`, { skip: lacks('go', 'readelf', 'file') }, async () => {
    const path = await pathOf(entry);
    const info = await inspect(path);
    assert.equal(info.goarch, entry.goarch);
    assert.equal(info.goos, entry.goos);
    assert.deepEqual(info.warnings, []);
    await compareWithReadelf(path, info);
    await compareWithFile(path, info);
    await compareWithGoVersion(path, info);
    const pie = entry.spec.flags?.includes('-buildmode=pie') ?? false;
    assert.equal(info.pie, pie);
    assert.equal((info.security as ElfSecurity).canary, false, 'pure Go has no stack canary');
    if (entry.spec.flags?.includes('-ldflags=-s -w')) {
      assert.equal(info.stripped, true);
      assert.equal(info.debugInfo, false);
    }
    if (entry.spec.env?.GOARM) assert.equal(info.go?.settings.GOARM, entry.spec.env.GOARM);
  });
}

test('readElf() reports a cgo linux/arm64 binary as dynamic, needing GLIBC_2.34 for __libc_start_main', { skip: lacks('go', 'readelf', 'file', 'aarch64-linux-gnu-gcc') }, async () => {
  const path = await pathOf(CGO_ARM64);
  const info = await inspect(path);
  assert.equal(info.linkage, 'dynamic');
  assert.equal(info.interpreter, '/lib/ld-linux-aarch64.so.1');
  assert.deepEqual(info.needed, ['libc.so.6']);
  assert.equal(info.requiredGlibc, '2.34');
  assert.ok(info.versionNeeds[0]?.symbols['GLIBC_2.34']?.includes('__libc_start_main'));
  assert.equal(info.goarch, 'arm64');
  assert.equal(info.goos, 'linux');
  assert.equal(info.go?.settings.CGO_ENABLED, '1');
  await compareWithReadelf(path, info);
  await compareWithFile(path, info);
  await compareWithGoVersion(path, info);
});

test('readElf() agrees with the oracles on a host cgo linux/amd64 binary', { skip: lacks('go', 'readelf', 'file', 'gcc') }, async () => {
  const path = await pathOf(CGO_AMD64);
  const info = await inspect(path);
  assert.equal(info.linkage, 'dynamic');
  assert.ok(info.requiredGlibc !== null);
  await compareWithReadelf(path, info);
  await compareWithFile(path, info);
  await compareWithGoVersion(path, info);
});

const HOST_BINARIES = [
  '/usr/bin/ls',
  '/usr/bin/bash',
  '/usr/bin/readelf',
  '/usr/bin/ld.so',
  '/usr/lib/x86_64-linux-gnu/libc.so.6',
  '/usr/bin/qemu-aarch64-static',
  '/usr/aarch64-linux-gnu/lib/libc.so.6',
  '/usr/aarch64-linux-gnu/lib/libstdc++.so.6',
].filter((p) => existsSync(p));

for (const path of HOST_BINARIES) {
  test(`readElf() agrees with readelf and file on ${path}`, { skip: lacks('readelf', 'file') }, async () => {
    const info = await inspect(path);
    assert.equal(info.go, null);
    await compareWithReadelf(path, info);
    await compareWithFile(path, info);
  });
}

test('readElf() finds the stack canary and PIE of /usr/bin/ls', { skip: existsSync('/usr/bin/ls') ? false : 'no /usr/bin/ls' }, async () => {
  const info = await inspect('/usr/bin/ls');
  const sec = info.security as ElfSecurity;
  assert.equal(sec.canary, true);
  assert.equal(sec.pie, true);
  assert.equal(info.kind, 'executable');
  assert.ok(info.requiredGlibc);
});
