/** build (chooseCCompiler) and doctor (probeCrossCompiler) pick the same C compiler from the same PATH. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseCCompiler } from '../gobuild/cgo.ts';
import { pathLookup } from '../gobuild/runnable.ts';
import { probeCrossCompiler } from '../host/cross-cc.ts';
import { hostRoot } from '../host/root.ts';
import { parseTarget } from './target.ts';

const cases: Array<[target: string, onPath: string[], expected: string | null]> = [
  ['linux/arm64', ['aarch64-linux-gnu-gcc'], 'aarch64-linux-gnu-gcc'],
  ['linux/arm', ['arm-linux-gnu-gcc'], 'arm-linux-gnu-gcc'], // Fedora's triplet
  ['linux/arm', ['arm-linux-gnu-gcc', 'arm-linux-gnueabihf-gcc'], 'arm-linux-gnueabihf-gcc'], // Debian's first
  ['linux/arm/7', ['arm-linux-gnueabihf-gcc', 'arm-linux-gnueabi-gcc'], 'arm-linux-gnueabihf-gcc'],
  ['linux/arm/5', ['arm-linux-gnueabihf-gcc', 'arm-linux-gnueabi-gcc'], 'arm-linux-gnueabi-gcc'], // soft float
  ['linux/arm/6', ['arm-linux-gnueabihf-gcc'], null], // a hard-float compiler cannot build GOARM=6
  ['linux/mips', ['mips-linux-gnu-gcc'], 'mips-linux-gnu-gcc'],
  ['linux/mips64le', ['mips64el-linux-gnu-gcc'], 'mips64el-linux-gnu-gcc'],
  ['linux/riscv64', ['gcc'], null],
  ['linux/amd64', ['clang', 'cc'], 'cc'], // native
  ['linux/amd64', ['x86_64-linux-gnu-gcc'], 'x86_64-linux-gnu-gcc'],
];

for (const [id, names, expected] of cases) {
  test(`doctor and build agree for ${id} with ${names.join(', ')} on PATH → ${expected ?? 'none'}`, async (t) => {
    const root = mkdtempSync(join(tmpdir(), 'gocross-cc-'));
    t.after(() => rmSync(root, { recursive: true, force: true }));
    mkdirSync(join(root, 'usr/bin'), { recursive: true });
    for (const name of names) {
      writeFileSync(join(root, 'usr/bin', name), '#!/bin/sh\n');
      chmodSync(join(root, 'usr/bin', name), 0o755);
    }
    const target = parseTarget(id);

    let built: string | null;
    try {
      built = chooseCCompiler(target, { onPath: pathLookup({ PATH: join(root, 'usr/bin') }), hostGoos: 'linux', hostGoarch: 'amd64' }).cc;
    } catch {
      built = null;
    }
    const doctor = await probeCrossCompiler(hostRoot(root, { PATH: '/usr/bin' }), target, 'amd64');

    assert.equal(built, expected);
    assert.equal(doctor.path === null ? null : doctor.path.replace('/usr/bin/', ''), expected);
  });
}
