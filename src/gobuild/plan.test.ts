import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planBuild, pieSupport, STATIC_PIE_LDFLAGS, expandTemplate, type PlanInput, type PlannedBuild } from './plan.ts';
import { parseTargets } from '../platform/target-syntax.ts';
import type { TargetInfo } from '../platform/target.ts';
import { isGocrossError } from '../core/errors.ts';
import type { PiePolicy } from '../config/types.ts';

const avail: TargetInfo[] = ['linux/amd64', 'linux/arm', 'linux/arm64', 'linux/mips', 'windows/amd64', 'js/wasm'].map((id) => {
  const [goos = '', goarch = ''] = id.split('/');
  return { goos, goarch, cgoSupported: true, firstClass: true, broken: false };
});
const input = (over: Partial<PlanInput> = {}): PlanInput => ({
  targets: parseTargets('linux/amd64,linux/arm/7,windows/amd64,js/wasm', avail, 'go1.23.5'),
  name: 'hello',
  main: '.',
  outputDir: '/p/dist',
  config: {},
  vcs: { version: 'v1.2.3', commit: 'abc', date: '2024-01-02T03:04:05Z' },
  goenv: { processEnv: { PATH: '/bin' }, userGoenvPath: null, userGoenv: null, gorootGoEnv: {}, defaults: {} },
  compilers: { onPath: (n) => n === 'aarch64-linux-gnu-gcc' || n === 'gcc', hostGoos: 'linux', hostGoarch: 'amd64' },
  ...over,
});
const builds = (i: PlanInput): PlannedBuild[] => planBuild(i).map((p) => (p.ok ? p.build : assert.fail(p.error)));

test('planBuild() lays out dist/<name>_<goos>_<goarch>[_<variant>]/<name>[.exe]', () => {
  assert.deepEqual(builds(input()).map((b) => b.outPath), [
    '/p/dist/hello_linux_amd64/hello',
    '/p/dist/hello_linux_arm_7/hello',
    '/p/dist/hello_windows_amd64/hello.exe',
    '/p/dist/hello_js_wasm/hello.wasm',
  ]);
});

test('planBuild() is reproducible by default: -trimpath, -buildvcs=false, version stamped from VCS facts', () => {
  const [b] = builds(input());
  assert.deepEqual(b!.flags, ['-trimpath', '-buildvcs=false', '-ldflags=-X main.version=v1.2.3 -X main.commit=abc -X main.date=2024-01-02T03:04:05Z']);
  assert.deepEqual(b!.env, { GOOS: 'linux', GOARCH: 'amd64', CGO_ENABLED: '0', GOTOOLCHAIN: 'local', GOENV: 'off' });
  assert.equal(builds(input())[1]!.env.GOARM, '7');
});

test('planBuild() release profile strips and adds -buildmode=pie only where it links without cgo', () => {
  const b = builds(input({ profile: 'release' }));
  assert.ok(b[0]!.flags.includes('-buildmode=pie'));
  // Issue 16: with a C compiler on PATH (gcc here), linux/amd64 is linked as static-pie by default.
  assert.match(b[0]!.flags.find((f) => f.startsWith('-ldflags='))!, / -s -w -linkmode=external -extldflags=-static-pie$/);
  assert.ok(!b[1]!.flags.includes('-buildmode=pie'));
  assert.match(b[1]!.warnings[0]!, /needs external linking/);
  assert.ok(b[2]!.flags.includes('-buildmode=pie'));
  assert.match(b[3]!.warnings[0]!, /no PIE/);
});

test('planBuild() applies config flags, tags, custom ldflags and profiles', () => {
  const [b] = builds(input({ config: { ldflags: '-X main.v={{.Version}}-{{ .Name }}', tags: ['netgo'], flags: ['-v'], trimpath: false, buildvcs: true, profiles: { small: { strip: true, tags: ['osusergo'] } } }, profile: 'small' }));
  assert.deepEqual(b!.flags, ['-tags=netgo,osusergo', '-ldflags=-X main.v=v1.2.3-hello -s -w', '-v']);
});

test('planBuild() picks a C compiler per target with --cgo; a missing one fails that target only', () => {
  const plan = planBuild(input({ targets: parseTargets('linux/arm64,linux/mips,linux/amd64', avail, 'go1.23.5'), cgo: true }));
  assert.equal(plan[0]!.ok && plan[0]!.build.env.CC, 'aarch64-linux-gnu-gcc');
  assert.equal(plan[0]!.ok && plan[0]!.build.env.CGO_ENABLED, '1');
  assert.ok(!plan[1]!.ok && /mips-linux-gnu-gcc and zig are not on PATH \(install gcc-mips-linux-gnu/.test(plan[1]!.error));
  assert.equal(plan[2]!.ok && plan[2]!.build.env.CC, 'gcc');
});

test('planBuild() rejects an unknown profile, listing the known ones', () => {
  assert.throws(() => planBuild(input({ profile: 'tiny' })), /no such profile \(known: release/);
});

test('pieSupport() and expandTemplate()', () => {
  const [amd64, arm] = parseTargets('linux/amd64,linux/arm', avail, 'go1.23.5');
  assert.equal(pieSupport(amd64!, false), 'yes');
  assert.equal(pieSupport(arm!, false), 'needs-cgo');
  assert.equal(pieSupport(arm!, true), 'yes');
  const values = { Version: '1', Commit: 'c', Date: 'd', Name: 'n' };
  assert.equal(expandTemplate('{{.Version}} {{ .Name }}', values), '1 n');
  // An unknown field is refused, not passed to the linker as text.
  assert.throws(() => expandTemplate('{{.Version}} {{.Nope}}', values), (e: unknown) => isGocrossError(e, 'config') && /unknown template field \{\{\.Nope\}\} \(valid: \{\{\.Version\}\}/.test(e.message));
});

test('planBuild() refuses an unknown ldflags field in the config or a profile before planning any target', () => {
  assert.throws(() => planBuild(input({ config: { ldflags: '-X main.v={{.Versoin}}' } })), (e: unknown) => isGocrossError(e, 'config') && /^Cannot use build\.ldflags: unknown template field \{\{\.Versoin\}\} \(valid: \{\{\.Version\}\}, \{\{\.Commit\}\}, \{\{\.Date\}\}, \{\{\.Name\}\}\)$/.test(e.message));
  assert.throws(() => planBuild(input({ config: { profiles: { small: { ldflags: '-X main.c={{.Env.CI}}' } } }, profile: 'small' })), /ldflags of build profile "small": unknown template field \{\{\.Env\.CI\}\}/);
});

test('planBuild(): --cache (overrides) beats GOCACHE from the process env; config env sits below it', () => {
  const goenv = { processEnv: { PATH: '/bin', GOCACHE: '/home/u/.cache/go-build', GOEXPERIMENT: 'none' }, userGoenvPath: null, userGoenv: null, gorootGoEnv: {}, defaults: {} };
  const [b] = builds(input({ goenv, overrides: { GOCACHE: '/tmp/fresh' }, config: { env: { GOEXPERIMENT: 'loopvar', GOAMD64: 'v4' } } }));
  assert.equal(b!.spawnEnv.GOCACHE, '/tmp/fresh');
  assert.equal(b!.spawnEnv.GOEXPERIMENT, 'none');
  assert.equal(b!.spawnEnv.GOAMD64, 'v4', 'config env may set a sub-setting the target leaves open');
});

test('planBuild() release profile: where PIE would make a static linux build dynamic, build.pie decides, and says so', () => {
  const targets = parseTargets('linux/amd64,linux/arm64,windows/amd64', avail, 'go1.23.5');
  const withCc = input().compilers;
  const noCc = { ...withCc, onPath: () => false };
  // [policy, compilers, linux/amd64 expected: 'static-pie' | 'pie' | 'none' | 'fail', warning pattern]
  const cases: Array<[PiePolicy | undefined, PlanInput['compilers'], string, RegExp]> = [
    [undefined, withCc, 'static-pie', /would make the static linux\/amd64 binary dynamically linked.*static-pie through the external linker \(gcc/],
    ['auto', noCc, 'none', /no C compiler for linux\/amd64 to link static-pie with \(tried gcc, cc, clang, x86_64-linux-gnu-gcc.*building it static without PIE/],
    ['static-pie', withCc, 'static-pie', /static-pie/],
    ['static-pie', noCc, 'fail', /Cannot build linux\/amd64 as static-pie \(build.pie is "static-pie"\): no C compiler/],
    ['dynamic', noCc, 'pie', /dynamically linked.*as build.pie is "dynamic"/],
    ['off', withCc, 'none', /static without PIE, as build.pie is "off"/],
  ];
  for (const [pie, compilers, want, warning] of cases) {
    const plan = planBuild(input({ targets, profile: 'release', config: pie ? { pie } : {}, compilers }));
    const what = `${pie ?? '(default)'} ${compilers === withCc ? 'with' : 'without'} cc`;
    const amd64 = plan[0]!;
    if (want === 'fail') {
      assert.ok(!amd64.ok && warning.test(amd64.error), what);
    } else {
      assert.ok(amd64.ok, what);
      const b = amd64.build;
      assert.match(b.warnings.join('\n'), warning, what);
      assert.equal(b.flags.includes('-buildmode=pie'), want !== 'none', what);
      const ldflags = b.flags.find((f) => f.startsWith('-ldflags='))!;
      assert.equal(ldflags.endsWith(STATIC_PIE_LDFLAGS), want === 'static-pie', what);
      assert.equal(b.env.CGO_ENABLED, want === 'static-pie' ? '1' : '0', what);
      assert.equal(b.env.CC, want === 'static-pie' ? 'gcc' : undefined, what);
      assert.equal(b.flags.includes('-tags=netgo,osusergo'), want === 'static-pie', what);
    }
    // arm64 finds its cross compiler the same way; windows keeps plain PIE with no warning.
    const arm64 = plan[1]!;
    assert.equal(arm64.ok, want !== 'fail', what);
    if (arm64.ok && want === 'static-pie') assert.equal(arm64.build.env.CC, 'aarch64-linux-gnu-gcc', what);
    const win = plan[2]!;
    assert.ok(win.ok && win.build.flags.includes('-buildmode=pie') && win.build.warnings.length === 0 && win.build.env.CGO_ENABLED === '0', what);
  }
  // With --cgo the binary is dynamic anyway: plain PIE, nothing to say.
  const [cgo] = builds(input({ targets: targets.slice(0, 2), profile: 'release', cgo: true }));
  assert.ok(cgo!.flags.includes('-buildmode=pie') && !cgo!.flags.some((f) => f.includes('static-pie')) && cgo!.warnings.length === 0);
});
