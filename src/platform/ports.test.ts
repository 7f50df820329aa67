import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from '../process/run.ts';
import { parseDistList } from '../gobuild/dist-list.ts';
import { GO, lacks } from '../../test/support/go.ts';
import { TargetSyntaxError } from './errors.ts';
import { GO_PORTS, parseGoarch, parsePortTargets } from './ports.ts';

test('GO_PORTS holds every port of the installed Go toolchain', { skip: lacks('go') }, async () => {
  const listed = parseDistList((await run(GO!, ['tool', 'dist', 'list', '-json'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, GOTOOLCHAIN: 'local' } })).stdout);
  const known = new Set(GO_PORTS.map((p) => `${p.goos}/${p.goarch}`));
  assert.deepEqual(listed.map((p) => `${p.goos}/${p.goarch}`).filter((id) => !known.has(id)), []);
  for (const p of listed) {
    const ours = GO_PORTS.find((q) => q.goos === p.goos && q.goarch === p.goarch);
    assert.equal(ours?.cgoSupported, p.cgoSupported, `${p.goos}/${p.goarch} cgo`);
    assert.equal(ours?.firstClass, p.firstClass, `${p.goos}/${p.goarch} first-class`);
  }
});

const refused: Array<[spec: string, message: RegExp]> = [
  ['linux/arm/9', /^Cannot use target linux\/arm\/9: GOARM=9 is not a valid value \(valid with any Go release: 5, 6, 7/],
  ['linux/amd65', /^Cannot use target "linux\/amd65": not a target of any Go release known to gocross \(valid linux targets: linux\/386, linux\/amd64/],
  ['foo/amd64', /^Cannot use target "foo\/amd64": not a target/],
  ['linux', /expected os\/arch/],
  ['', /the list is empty/],
  ['linux/arm64,!linux/*', /selects no target/],
];
for (const [spec, message] of refused) {
  test(`parsePortTargets("${spec}") is the same usage error build gives`, () => {
    assert.throws(() => parsePortTargets(spec, 'linux/amd64'), (e: unknown) => e instanceof TargetSyntaxError && e.kind === 'usage' && message.test(e.message));
  });
}

test('parsePortTargets() takes globs, variants and negations from the base', () => {
  assert.deepEqual(parsePortTargets('linux/arm/7,linux/riscv64', 'linux/amd64').map((t) => t.id), ['linux/arm/7', 'linux/riscv64']);
  assert.deepEqual(parsePortTargets('!linux/arm', 'linux/amd64,linux/arm64,linux/arm').map((t) => t.id), ['linux/amd64', 'linux/arm64']);
  assert.ok(parsePortTargets('linux/*', 'linux/amd64').length >= 13);
});

test('parseGoarch() accepts GOARCHes and names the one meant for another tool\'s name', () => {
  assert.equal(parseGoarch('arm64', '--arch'), 'arm64');
  assert.throws(() => parseGoarch('x86_64', '--host-arch'), /Cannot use --host-arch "x86_64": not a GOARCH \(valid: 386, amd64, .*; did you mean amd64\?\)$/);
  assert.throws(() => parseGoarch('aarch64', '--arch'), /did you mean arm64\?/);
  assert.throws(() => parseGoarch('foo', '--arch'), (e: unknown) => e instanceof TargetSyntaxError && !/did you mean/.test(e.message));
});
