/**
 * Differential test over Go programs Debian packages (built by Debian's toolchain, not ours), for
 * seven architectures: readElf() against readelf, file(1) and `go version -m`, field by field.
 * scripts/fetch-debian-go-binaries.sh downloads them once (`apt-get download PKG:ARCH`) into
 * .cache/debian-go/; the test is skipped only when the Debian mirror cannot be reached.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../../process/run.ts';
import { REPO, lacks } from '../../../test/support/go.ts';
import { compareWithFile, compareWithGoVersion, compareWithReadelf, inspect } from './testing/compare.ts';

/** Debian architecture → what readElf() must say about its programs. */
const ARCHES: Record<string, { goarch: string; bits: 32 | 64; endian: 'little' | 'big' }> = {
  amd64: { goarch: 'amd64', bits: 64, endian: 'little' },
  arm64: { goarch: 'arm64', bits: 64, endian: 'little' },
  armhf: { goarch: 'arm', bits: 32, endian: 'little' },
  i386: { goarch: '386', bits: 32, endian: 'little' },
  ppc64el: { goarch: 'ppc64le', bits: 64, endian: 'little' },
  s390x: { goarch: 's390x', bits: 64, endian: 'big' },
  mips64el: { goarch: 'mips64le', bits: 64, endian: 'little' },
};

async function programs(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const sub of ['usr/bin', 'usr/sbin', 'sbin', 'bin']) {
    const names = await readdir(join(dir, sub)).catch(() => [] as string[]);
    for (const name of names.sort()) out.push(join(dir, sub, name));
  }
  return out;
}

test('readElf() agrees with readelf, file and go version -m on Go programs from Debian packages', { skip: lacks('go', 'readelf', 'file', 'apt-get', 'dpkg-deb'), timeout: 30 * 60_000 }, async (t) => {
  const fetched = await run(join(REPO, 'scripts/fetch-debian-go-binaries.sh'), [], { reject: false, timeoutMs: 25 * 60_000 });
  if (fetched.exitCode === 3) {
    t.skip(`the Debian mirror is unreachable: ${fetched.stderr.trim().split('\n').at(-1)}`);
    return;
  }
  assert.equal(fetched.exitCode, 0, `scripts/fetch-debian-go-binaries.sh failed:\n${fetched.stderr}`);
  const cache = fetched.stdout.trim();
  let compared = 0;
  const linkages = new Set<string>();
  for (const arch of Object.keys(ARCHES).sort()) {
    const expected = ARCHES[arch]!;
    const packages = (await readdir(join(cache, arch)).catch(() => [] as string[])).sort();
    assert.ok(packages.length > 0, `no packages for ${arch} in ${cache}`);
    for (const pkg of packages) {
      for (const path of await programs(join(cache, arch, pkg))) {
        await t.test(`${arch} ${pkg} ${path.slice(join(cache, arch, pkg).length + 1)}`, async () => {
          const info = await inspect(path);
          assert.equal(info.goarch, expected.goarch, 'goarch');
          assert.equal(info.goos, 'linux', 'goos');
          assert.equal(info.bits, expected.bits, 'bits');
          assert.equal(info.endian, expected.endian, 'endian');
          await compareWithReadelf(path, info);
          await compareWithFile(path, info);
          await compareWithGoVersion(path, info);
          linkages.add(info.linkage);
          compared++;
        });
      }
    }
  }
  assert.ok(compared >= Object.keys(ARCHES).length * 2, `compared ${compared} programs`);
  // The set must cover both a static Go program and a cgo one with needed libraries and GLIBC versions.
  assert.deepEqual([...linkages].sort(), ['dynamic', 'static']);
});
