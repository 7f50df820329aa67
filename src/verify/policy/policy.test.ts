import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectFile } from '../../binary/inspect.ts';
import type { BinaryInfo } from '../../binary/types.ts';
import { goBinary, lacks } from '../../../test/support/go.ts';
import type { LinkagePolicy } from '../config.ts';
import { evaluatePolicy } from './index.ts';

const noGo = lacks('go');
// Real facts: a static Go binary, a stripped one, and a CGO linux/arm64 one (dynamic, libc.so.6).
const facts = noGo
  ? null
  : (async () => ({
      plain: await inspectFile(await goBinary({ goos: 'linux', goarch: 'amd64' })),
      stripped: await inspectFile(await goBinary({ goos: 'linux', goarch: 'amd64', flags: ['-ldflags=-s -w'], name: 'hello-stripped' })),
      cgo: lacks('aarch64-linux-gnu-gcc')
        ? null
        : await inspectFile(await goBinary({ goos: 'linux', goarch: 'arm64', dir: new URL('../../../test/fixtures/cgo', import.meta.url).pathname, env: { CGO_ENABLED: '1', CC: 'aarch64-linux-gnu-gcc' }, name: 'cgo-arm64' })),
    }))();

const policy = (over: Partial<LinkagePolicy>): LinkagePolicy => ({ linkage: 'any', allowedLibraries: null, forbid: [], ...over });
type Which = 'plain' | 'stripped' | 'cgo';
const rows: Array<[string, Which, LinkagePolicy, RegExp | true]> = [
  ['static binary meets a static policy', 'plain', policy({ linkage: 'static' }), true],
  ['dynamic CGO binary violates a static policy', 'cgo', policy({ linkage: 'static' }), /linked dynamically where static is required \(needs libc\.so\.6\), interpreter \/lib\/ld-linux-aarch64\.so\.1/],
  ['dynamic CGO binary with libc allowed', 'cgo', policy({ allowedLibraries: ['libc.so.6'] }), true],
  ['dynamic CGO binary with nothing allowed', 'cgo', policy({ allowedLibraries: [] }), /needs libc\.so\.6, not in allowedLibraries \(none\)/],
  ['unstripped binary with not-stripped forbidden', 'plain', policy({ forbid: ['not-stripped'] }), /has a symbol table \(not stripped\)/],
  ['stripped binary with not-stripped and debug-info forbidden', 'stripped', policy({ forbid: ['not-stripped', 'debug-info'] }), true],
  ['Go binaries have NX', 'plain', policy({ forbid: ['no-nx'] }), true],
  ['default Go build is not PIE', 'plain', policy({ forbid: ['no-pie'] }), /not position independent/],
  ['cgo forbidden on a CGO build', 'cgo', policy({ forbid: ['cgo'] }), /built with cgo/],
  ['cgo forbidden on a pure Go build', 'plain', policy({ forbid: ['cgo'] }), true],
];

for (const [name, which, p, expected] of rows) {
  test(`evaluatePolicy(): ${name}`, { skip: noGo || (which === 'cgo' && lacks('aarch64-linux-gnu-gcc')) }, async () => {
    const info = (await facts!)[which] as BinaryInfo;
    const failed = evaluatePolicy(info, p).filter((f) => f.status === 'fail');
    if (expected === true) assert.deepEqual(failed, []);
    else assert.match(failed.map((f) => f.message).join('\n'), expected);
  });
}

test('evaluatePolicy(): properties that do not apply to a format are not reported', { skip: noGo }, async () => {
  const info = (await facts!).plain;
  const pe = { ...info, format: 'pe', security: { aslr: true, highEntropyVa: true, nx: true, cfg: false } } as BinaryInfo;
  assert.deepEqual(evaluatePolicy(pe, policy({ forbid: ['no-relro'] })).filter((f) => f.id.startsWith('forbidden/')), []);
  assert.equal(evaluatePolicy(info, policy({ forbid: ['no-relro'] })).filter((f) => f.id === 'forbidden/no-relro').length, 1);
});

test('evaluatePolicy(): a failing finding keeps its code as id and its fix apart from the message', { skip: noGo }, async () => {
  const info = (await facts!).plain;
  const findings = evaluatePolicy(info, policy({ forbid: ['not-stripped'] }));
  assert.deepEqual(findings.map((f) => f.id), ['linkage/allowed', 'forbidden/not-stripped']);
  assert.deepEqual(findings[1], { id: 'forbidden/not-stripped', status: 'fail', message: 'has a symbol table (not stripped)', fix: "build with -ldflags='-s -w'" });
});
