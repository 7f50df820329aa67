import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from '../../test/support/xml.ts';
import type { StageResult, TargetResult, VerifyReport } from '../verify/model.ts';
import { STAGES, summarize } from '../verify/model.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderSummary } from './terminal.ts';

const stage = (s: Partial<StageResult> & Pick<StageResult, 'stage' | 'status'>): StageResult => ({ reason: 'ok', durationMs: 5, findings: [], ...s });
const nasty = 'component db failed: <b>&"quoted"\' \u001b[31mred\u001b[0m \u0000nul';
const targets: TargetResult[] = [
  { target: 'linux/amd64', status: 'passed', durationMs: 100, facts: { size: 5_000_000, linkage: 'static' }, stages: STAGES.map((s) => stage({ stage: s, status: 'passed' })) },
  {
    target: 'linux/arm64',
    status: 'failed',
    durationMs: 200,
    facts: { size: 4_800_000, compat: [{ profile: 'centos7', runs: false, reasons: ['needs GLIBC_2.34'] }] },
    stages: STAGES.map((s) => (s === 'service' ? stage({ stage: s, status: 'failed', reason: nasty, log: `line1\n${nasty}\n`, logPath: 'dist/report/logs/linux_arm64/service.log' }) : stage({ stage: s, status: 'passed' }))),
  },
  { target: 'linux/riscv64', status: 'passed', durationMs: 50, facts: {}, stages: STAGES.map((s) => stage({ stage: s, status: s === 'build' ? 'passed' : 'skipped', reason: 'no qemu-riscv64 found' })) },
];
const report: VerifyReport = {
  schemaVersion: 2, tool: { name: 'gocross', version: '0.1.0' }, package: '.', startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1234,
  ok: false, failOnSkip: false, summary: summarize(targets), targets,
};

test('renderJunit() is well-formed XML with one testcase per target × stage', () => {
  const root = parseXml(renderJunit(report));
  assert.equal(root.name, 'testsuites');
  assert.equal(root.attributes.tests, String(3 * STAGES.length));
  assert.equal(root.attributes.failures, '1');
  const cases = root.children.flatMap((s) => s.children);
  assert.equal(cases.length, 3 * STAGES.length);
  const failed = cases.filter((c) => c.children.some((x) => x.name === 'failure'));
  assert.equal(failed.length, 1);
  assert.match(failed[0]!.children[0]!.attributes.message!, /component db failed: <b>&"quoted"' red nul/);
  assert.equal(cases.filter((c) => c.children.some((x) => x.name === 'skipped')).length, STAGES.length - 1);
});

const broken: Array<[string, string]> = [
  ['mismatched tags', '<a><b></a></b>'],
  ['raw ampersand', '<a>&</a>'],
  ['unquoted attribute', '<a x=1/>'],
  ['two roots', '<a/><b/>'],
  ['control character', '<a>\u0001</a>'],
];
for (const [name, xml] of broken) test(`parseXml() rejects ${name}`, () => assert.throws(() => parseXml(xml)));

test('renderJson() carries schemaVersion and log paths, not log text', () => {
  const doc = JSON.parse(renderJson(report));
  assert.equal(doc.schemaVersion, 2);
  const service = doc.targets[1].stages.find((s: StageResult) => s.stage === 'service');
  assert.equal(service.logPath, 'dist/report/logs/linux_arm64/service.log');
  assert.equal(service.log, undefined);
});

test('renderSummary() gives each failure in one line with its log path, and the skip reasons', () => {
  const text = renderSummary(report, false);
  assert.match(text, /✗ linux\/arm64 service: component db failed/);
  assert.match(text, /log: dist\/report\/logs\/linux_arm64\/service\.log/);
  assert.match(text, /– linux\/riscv64 smoke: no qemu-riscv64 found/);
  assert.match(text, /FAIL 2\/3 targets passed/);
  assert.doesNotMatch(text, /\u001b\[/);
});

test('renderHtml() is self-contained and shows every target, status and the size chart', () => {
  const html = renderHtml(report);
  assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  for (const t of targets) assert.match(html, new RegExp(`<tr data-target="${t.target}" data-status="${t.status}">`));
  assert.match(html, /<svg[^>]*class="size-chart"/);
  assert.match(html, /&lt;b&gt;&amp;&quot;quoted&quot;/);
  assert.match(html, /needs GLIBC_2\.34/);
});
