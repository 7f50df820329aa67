/**
 * verify()'s orchestration with scripted collaborators (the real ones are exercised end to end in
 * test/verify.test.ts): a failed build skips the later stages with the reason, a crash inside a
 * stage becomes that stage's failure, events come in order, logs land on disk.
 */
import { hostGoarch } from '../platform/lookup.ts';
import { parseTarget } from '../platform/target.ts';
import { splitSpec } from '../platform/target-syntax.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BinaryInfo } from '../binary/types.ts';
import { normalizeVerifyConfig } from './config.ts';
import type { VerifyDeps } from './deps.ts';
import type { VerifyEvent } from './events.ts';
import { buildOrder, verify } from './verify.ts';

const info = (goarch: string): BinaryInfo =>
  ({ format: 'elf', goos: 'linux', goarch, machine: goarch, linkage: 'static', interpreter: null, needed: [], requiredGlibc: null, stripped: true, sections: [], segments: [], go: null }) as unknown as BinaryInfo;

function deps(overrides: Partial<VerifyDeps> = {}): VerifyDeps {
  return {
    builder: {
      resolveTargets: async (specs) => splitSpec(specs.join(',')).map((s) => parseTarget(s)),
      async build(req) {
        for (const { id: target } of req.targets) {
          req.onTargetStart(target);
          const ok = target !== 'linux/s390x';
          req.onTargetDone({
            target, ok, artifactPath: ok ? `/fake/${target}` : null, size: ok ? 1000 : 0, sha256: null, durationMs: 1,
            log: ok ? 'built' : './main.go:3:1: syntax error: non-declaration statement outside function body\n', reason: ok ? 'built' : './main.go:3:1: syntax error',
          });
        }
        return { outputDir: '/fake' };
      },
    },
    inspect: async (path) => {
      if (path.endsWith('riscv64')) throw new Error('reader exploded');
      return info(path.split('/').pop()!);
    },
    compat: { checkProfileNames: () => {}, evaluate: (_i, names) => names.map((profile) => ({ profile, runs: true, reasons: [] })) },
    emulator: {
      plan: async () => ({ ok: true, runner: 'native' }),
      runOnce: async () => ({ command: 'app --version', exitCode: 0, signal: null, stdout: 'app 1.0\n', stderr: '', timedOut: false, durationMs: 1 }),
      launcher: () => async () => {
        throw new Error('not used');
      },
    },
    ...overrides,
  };
}

test('verify() skips the stages after a failed build with the reason, and reports a crashing stage as failed', async () => {
  const logDir = await mkdtemp(join(tmpdir(), 'verify-logs-'));
  try {
    const events: VerifyEvent[] = [];
    const config = normalizeVerifyConfig({ profiles: { '*': ['debian12'] } });
    const report = await verify({ dir: '/fake', config, targets: ['linux/arm64,linux/s390x,linux/riscv64'], logDir, pathsRelativeTo: logDir, onEvent: (e) => events.push(e) }, deps());
    const byTarget = Object.fromEntries(report.targets.map((t) => [t.target, t]));
    assert.deepEqual(byTarget['linux/arm64']!.stages.map((s) => s.status), ['passed', 'passed', 'passed', 'passed', 'passed', 'skipped']);
    assert.match(byTarget['linux/arm64']!.stages[5]!.reason, /no service test configured/);
    const s390x = byTarget['linux/s390x']!;
    assert.equal(s390x.stages[0]!.status, 'failed');
    assert.match(s390x.stages[0]!.reason, /syntax error/);
    for (const s of s390x.stages.slice(1)) {
      assert.equal(s.status, 'skipped', s.stage);
      assert.match(s.reason, s.stage === 'service' ? /no service test configured/ : /not run: build failed/);
    }
    const riscv = byTarget['linux/riscv64']!;
    assert.equal(riscv.stages[1]!.status, 'failed');
    assert.match(riscv.stages[1]!.reason, /internal error: reader exploded/);
    assert.equal(report.ok, false);
    assert.deepEqual(report.summary, { targets: 3, passedTargets: 1, failedTargets: 2, stages: { passed: 6, failed: 2, skipped: 10 } });
    // Events: start first, end last, every stage-end preceded by its target's build start.
    assert.equal(events[0]!.type, 'start');
    assert.equal(events.at(-1)!.type, 'end');
    assert.equal(events.filter((e) => e.type === 'stage-end').length, 18);
    // The failed build's compiler output is on disk where the report says.
    assert.equal(s390x.stages[0]!.logPath, 'linux_s390x/build.log');
    assert.match(await readFile(join(logDir, s390x.stages[0]!.logPath!), 'utf8'), /syntax error: non-declaration/);
  } finally {
    await rm(logDir, { recursive: true, force: true });
  }
});

test('verify() with failOnSkip fails a target whose stages were skipped', async () => {
  const config = normalizeVerifyConfig({ failOnSkip: true, profiles: { '*': ['debian12'] } });
  const report = await verify({ dir: '/fake', config, targets: ['linux/arm64'], logDir: null }, deps());
  assert.equal(report.targets[0]!.status, 'failed');
  assert.equal(report.ok, false);
  const relaxed = await verify({ dir: '/fake', config: { ...config, failOnSkip: false }, targets: ['linux/arm64'], logDir: null }, deps());
  assert.equal(relaxed.ok, true);
});

test('buildOrder() starts the builds whose tests run under emulation first and the host\'s own last, otherwise in order', () => {
  const targets = ['linux/amd64', 'linux/arm64', 'windows/amd64', 'linux/amd64/v3', 'linux/riscv64'].map((s) => parseTarget(s));
  const cases: Array<[{ goos: string; goarch: string }, string[]]> = [
    [{ goos: 'linux', goarch: 'amd64' }, ['linux/arm64', 'windows/amd64', 'linux/riscv64', 'linux/amd64', 'linux/amd64/v3']],
    [{ goos: 'linux', goarch: 'arm64' }, ['linux/amd64', 'windows/amd64', 'linux/amd64/v3', 'linux/riscv64', 'linux/arm64']],
    [{ goos: 'darwin', goarch: 'arm64' }, ['linux/amd64', 'linux/arm64', 'windows/amd64', 'linux/amd64/v3', 'linux/riscv64']],
  ];
  for (const [host, expected] of cases) assert.deepEqual(buildOrder(targets, host), expected, `${host.goos}/${host.goarch}`);
});

test('verify() hands the builder that order, and the report keeps the targets\' order', async () => {
  let order: string[] | undefined;
  const base = deps();
  const builder = { ...base.builder, build: (req: Parameters<VerifyDeps['builder']['build']>[0]) => ((order = req.order), base.builder.build(req)) };
  const config = normalizeVerifyConfig({});
  const host = `linux/${hostGoarch()}`;
  const foreign = hostGoarch() === 'arm64' ? 'linux/riscv64' : 'linux/arm64';
  const report = await verify({ dir: '/fake', config, targets: [`${host},${foreign}`], logDir: null }, { ...base, builder });
  // On a Linux host the host's own target is built last; elsewhere both are foreign and keep their order.
  assert.deepEqual(order, process.platform === 'linux' ? [foreign, host] : [host, foreign]);
  assert.deepEqual(report.targets.map((t) => t.target), [host, foreign]);
});
