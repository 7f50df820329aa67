import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseCCompiler, type CompilerFacts } from './cgo.ts';
import { CompilerNotFoundError } from './errors.ts';
import type { Target } from '../platform/target.ts';

const T = (id: string, variant?: string): Target => {
  const [goos = '', goarch = ''] = id.split('/');
  return variant ? { goos, goarch, variant: { name: 'GOARM', value: variant }, id: `${id}/${variant}` } : { goos, goarch, id };
};
const host = (tools: string[], extra: Partial<CompilerFacts> = {}): CompilerFacts => ({ onPath: (n) => tools.includes(n), hostGoos: 'linux', hostGoarch: 'amd64', ...extra });

const cases: Array<[name: string, target: Target, facts: CompilerFacts, cc: string | RegExp]> = [
  ['configured CC wins', T('linux/arm64'), host(['aarch64-linux-gnu-gcc'], { configured: 'clang --target=aarch64-linux-gnu' }), 'clang --target=aarch64-linux-gnu'],
  ['native target uses gcc', T('linux/amd64'), host(['gcc']), 'gcc'],
  ['known triple on PATH', T('linux/arm64'), host(['gcc', 'aarch64-linux-gnu-gcc', 'zig']), 'aarch64-linux-gnu-gcc'],
  ['armhf for GOARM=7', T('linux/arm', '7'), host(['arm-linux-gnueabihf-gcc']), 'arm-linux-gnueabihf-gcc'],
  ['armel for GOARM=5', T('linux/arm', '5'), host(['arm-linux-gnueabi-gcc', 'arm-linux-gnueabihf-gcc']), 'arm-linux-gnueabi-gcc'],
  ['mingw for windows', T('windows/amd64'), host(['x86_64-w64-mingw32-gcc']), 'x86_64-w64-mingw32-gcc'],
  ['zig fallback', T('linux/riscv64'), host(['zig']), 'zig cc -target riscv64-linux-gnu'],
  ['zig with glibc', T('linux/arm64'), host(['zig'], { glibc: '2.17' }), 'zig cc -target aarch64-linux-gnu.2.17'],
  ['zig without glibc suffix for windows', T('windows/amd64'), host(['zig'], { glibc: '2.17' }), 'zig cc -target x86_64-windows-gnu'],
];
for (const [name, target, facts, cc] of cases) {
  test(`chooseCCompiler(): ${name}`, () => {
    const got = chooseCCompiler(target, facts).cc;
    if (typeof cc === 'string') assert.equal(got, cc);
    else assert.match(got, cc);
  });
}

test('chooseCCompiler() names the Debian and EL packages when nothing is found', () => {
  assert.throws(
    () => chooseCCompiler(T('linux/arm64'), host(['gcc'])),
    (e: unknown) => e instanceof CompilerNotFoundError && /aarch64-linux-gnu-gcc and zig are not on PATH \(install gcc-aarch64-linux-gnu libc6-dev-arm64-cross \(Debian\/Ubuntu\) or gcc-aarch64-linux-gnu/.test(e.message),
  );
  assert.throws(() => chooseCCompiler(T('windows/amd64'), host([])), /gcc-mingw-w64-x86-64 \(Debian\/Ubuntu\) or mingw64-gcc \(EL\)/);
  assert.throws(() => chooseCCompiler(T('plan9/amd64'), host([])), /no known cross compiler for plan9\/amd64/);
});
