import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeVerifyConfig } from './config.ts';
import type { StageName, StageResult, StageStatus } from './model.ts';
import { gate, type GateInput } from './stages.ts';

const withService = normalizeVerifyConfig({ service: { portEnv: 'PORT', checks: [{ path: '/healthz' }] } });
const prior = (statuses: Partial<Record<StageName, StageStatus>>): Map<StageName, StageResult> =>
  new Map(Object.entries(statuses).map(([stage, status]) => [stage as StageName, { stage: stage as StageName, status: status!, reason: '', durationMs: 0, findings: [] }]));
const input = (over: Partial<GateInput>): GateInput => ({ target: 'linux/arm64', prior: new Map(), config: withService, profiles: ['debian12'], runPlan: { ok: true, runner: 'qemu-aarch64-static' }, ...over });

const rows: Array<[string, StageName, Partial<GateInput>, boolean | RegExp]> = [
  ['build always runs', 'build', {}, true],
  ['inspect after a failed build is skipped', 'inspect', { prior: prior({ build: 'failed' }) }, /not run: build failed/],
  ['policy after inspect', 'policy', { prior: prior({ build: 'passed', inspect: 'passed' }) }, true],
  ['compat without profiles', 'compat', { prior: prior({ build: 'passed', inspect: 'passed' }), profiles: [] }, /no deploy profiles for linux\/arm64/],
  ['smoke runs even when policy failed', 'smoke', { prior: prior({ build: 'passed', inspect: 'passed', policy: 'failed' }) }, true],
  ['smoke without QEMU', 'smoke', { prior: prior({ build: 'passed', inspect: 'passed' }), runPlan: { ok: false, reason: 'no qemu-riscv64 found' } }, /no qemu-riscv64 found/],
  ['service after a failed smoke', 'service', { prior: prior({ build: 'passed', inspect: 'passed', smoke: 'failed' }) }, /not run: smoke failed/],
  ['service after a skipped smoke', 'service', { prior: prior({ build: 'passed', inspect: 'passed', smoke: 'skipped' }) }, /smoke was skipped/],
  ['service without QEMU names QEMU, not the skipped smoke', 'service', { prior: prior({ build: 'passed', inspect: 'passed', smoke: 'skipped' }), runPlan: { ok: false, reason: 'no qemu-riscv64 found' } }, /no qemu-riscv64 found/],
  ['service without config', 'service', { config: normalizeVerifyConfig(undefined), prior: prior({ build: 'passed', inspect: 'passed', smoke: 'passed' }) }, /no service test configured/],
  ['smoke disabled', 'smoke', { config: normalizeVerifyConfig({ smoke: false }) }, /smoke test disabled/],
];
for (const [name, stage, over, expected] of rows) {
  test(`gate(): ${name}`, () => {
    const g = gate(stage, input(over));
    if (expected === true) assert.deepEqual(g, { run: true });
    else {
      assert.equal(g.run, false);
      assert.match((g as { reason: string }).reason, expected as RegExp);
    }
  });
}
