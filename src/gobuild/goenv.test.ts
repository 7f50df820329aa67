import { test } from 'node:test';
import assert from 'node:assert/strict';
import { overriddenTargetVariables, parseGoEnvFile, resolveGoEnv, userGoenvPathOf, type GoEnvFacts } from './goenv.ts';

const facts = (over: Partial<GoEnvFacts> = {}): GoEnvFacts => ({
  processEnv: { PATH: '/usr/bin', HOME: '/home/u', GOFLAGS: '-v', GOARCH: 'mips', GOPRIVATE: 'corp.example' },
  userGoenvPath: '/home/u/.config/go/env',
  userGoenv: { GOARCH: 'riscv64', GOFLAGS: '-tags=bad', GOPROXY: 'https://goproxy.example', GOROOT: '/opt/old-go', GONOSUMDB: 'x.example' },
  gorootGoEnv: { GOPROXY: 'https://proxy.golang.org,direct', GOSUMDB: 'sum.golang.org', GOTOOLCHAIN: 'auto' },
  defaults: { GOOS: 'linux', GOARCH: 'amd64', GOROOT: '/usr/lib/go-1.23', GOCACHE: '/home/u/.cache/go-build', GOPROXY: 'ignored' },
  ...over,
});
const target = { GOOS: 'linux', GOARCH: 'arm', GOARM: '7', CGO_ENABLED: '0' };

test('resolveGoEnv() attributes each variable to its layer (no --user-goenv)', () => {
  const r = resolveGoEnv(facts(), { targetVars: target });
  const source = Object.fromEntries(r.entries.map((e) => [e.name, [e.source, e.value]]));
  assert.deepEqual(source.GOARCH, ['gocross-target', 'arm']);
  assert.deepEqual(source.GOARM, ['gocross-target', '7']);
  assert.deepEqual(source.GOFLAGS, ['process', '-v']);
  assert.deepEqual(source.GOPRIVATE, ['process', 'corp.example']);
  assert.deepEqual(source.GOTOOLCHAIN, ['gocross', 'local']);
  assert.deepEqual(source.GOENV, ['gocross', 'off']);
  assert.deepEqual(source.GOPROXY, ['goroot-go.env', 'https://proxy.golang.org,direct']);
  assert.deepEqual(source.GOROOT, ['default', '/usr/lib/go-1.23']);
  assert.equal(source.GONOSUMDB, undefined, 'the user GOENV file does not apply without --user-goenv');
  assert.deepEqual(r.entries.find((e) => e.name === 'GOTOOLCHAIN')?.shadowed, [{ source: 'goroot-go.env', value: 'auto' }]);
});

test('resolveGoEnv() builds an env where target variables win and the user GOENV file is off', () => {
  const r = resolveGoEnv(facts(), { targetVars: target });
  assert.equal(r.spawnEnv.GOARCH, 'arm');
  assert.equal(r.spawnEnv.GOENV, 'off');
  assert.equal(r.spawnEnv.GOTOOLCHAIN, 'local');
  assert.equal(r.spawnEnv.PATH, '/usr/bin');
  assert.equal(r.explicit.PATH, undefined, 'the manifest records Go variables only');
  assert.equal(r.explicit.GOARM, '7');
});

test('resolveGoEnv() with --user-goenv applies the file below the process env, but never its target variables', () => {
  const r = resolveGoEnv(facts({ processEnv: { PATH: '/usr/bin' } }), { targetVars: target, useUserGoenv: true });
  const get = (n: string) => r.entries.find((e) => e.name === n);
  assert.equal(get('GOFLAGS')?.source, 'user-goenv');
  assert.equal(get('GOPROXY')?.value, 'https://goproxy.example');
  assert.equal(get('GOARCH')?.value, 'arm');
  assert.equal(r.spawnEnv.GOENV, '/home/u/.config/go/env');
  assert.equal(r.spawnEnv.GOARCH, 'arm');
  // The file's values reach go through GOENV, not through the spawn env.
  assert.equal(r.spawnEnv.GOFLAGS, undefined);
});

test('findTraps() warns about GOROOT in GOENV, GOTOOLCHAIN=auto, GOFLAGS and target variables', () => {
  const ids = resolveGoEnv(facts(), { targetVars: target }).traps.map((t) => `${t.id}:${t.variable}`);
  assert.ok(ids.includes('goroot-in-goenv:GOROOT'));
  assert.ok(ids.includes('gotoolchain-auto:GOTOOLCHAIN'));
  assert.equal(ids.filter((i) => i === 'goflags-leak:GOFLAGS').length, 2, 'process GOFLAGS and GOENV-file GOFLAGS');
  assert.ok(ids.includes('target-in-env:GOARCH'));
  const clean = resolveGoEnv(facts({ processEnv: { PATH: '/x' }, userGoenv: null, gorootGoEnv: {} }), {});
  assert.deepEqual(clean.traps, []);
});

test('parseGoEnvFile() and userGoenvPathOf() follow go env', () => {
  assert.deepEqual(parseGoEnvFile('# c\nGOARCH=riscv64\n\nGOFLAGS=-tags=bad -v\nbad line\n'), { GOARCH: 'riscv64', GOFLAGS: '-tags=bad -v' });
  assert.equal(userGoenvPathOf({ HOME: '/h' }), '/h/.config/go/env');
  assert.equal(userGoenvPathOf({ HOME: '/h', XDG_CONFIG_HOME: '/x' }), '/x/go/env');
  assert.equal(userGoenvPathOf({ HOME: '/h', GOENV: '/e' }), '/e');
  assert.equal(userGoenvPathOf({ HOME: '/h', GOENV: 'off' }), null);
});

test('overriddenTargetVariables() names every target variable of the environment once; CC and CXX only with cgo', () => {
  assert.equal(overriddenTargetVariables({ PATH: '/bin', GOFLAGS: '-v' }, true), null);
  const message = overriddenTargetVariables({ GOARCH: 'arm64', GOAMD64: 'v3', GOOS: 'windows', CGO_ENABLED: '1', CC: 'clang' }, false);
  assert.equal(message, 'GOOS=windows, GOARCH=arm64, GOAMD64=v3, CGO_ENABLED=1 from the environment are ignored: gocross sets them per target (choose targets with -t, e.g. -t linux/arm64 or linux/amd64/v3)');
  assert.match(overriddenTargetVariables({ CC: 'clang' }, true) ?? '', /^CC=clang from the environment is ignored: gocross sets it per target \(.*build\.cc in the config sets the C compiler per target\)$/);
  assert.equal(overriddenTargetVariables({ CC: 'clang' }, false), null);
});
