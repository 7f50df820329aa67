/**
 * The terminal side of `gocross deploy`: the live TTY block, plain CI lines, NDJSON events, the
 * summary per wave, the dry-run plan and the releases table, rendered from a run's events and
 * report (data). Every host name, step message and journal line is escaped; no colour when off.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeployEvent, ReleasesReport } from '../src/deploy/model.ts';
import { jsonDeployRenderer } from '../src/render/deploy/json.ts';
import { renderDeployPlan } from '../src/render/deploy/plan.ts';
import { plainDeployRenderer } from '../src/render/deploy/plain.ts';
import { renderReleases } from '../src/render/deploy/releases.ts';
import { JOURNAL_LINES, renderDeploySummary } from '../src/render/deploy/summary.ts';
import { ttyDeployRenderer } from '../src/render/deploy/tty.ts';
import { painter } from '../src/render/style.ts';
import { DRY_RUN, eventsOf, HOSTILE_HOST, REPORT } from './support/deploy-report.ts';

const ESC = '\u001b';

function capture(color = false): { out: { write: (t: string) => void; color: boolean }; text: () => string } {
  let text = '';
  return { out: { write: (t) => void (text += t), color }, text: () => text };
}

/** Text with the cursor and erase sequences a live renderer uses taken out (colour kept). */
const withoutCursor = (t: string): string => t.replace(/\u001b\[\d*[FAJK]|\u001b\[2K/g, '');

test('the summary has a table per wave: host, coloured-off outcome, artifact, from → to, time, bytes sent', () => {
  const text = renderDeploySummary(REPORT, false);
  assert.ok(!text.includes(ESC), 'no escape sequence with colour off and a hostile host name');
  const lines = text.split('\n');
  const wave2 = lines.indexOf(lines.find((l) => l.startsWith('Wave 2'))!);
  assert.match(lines[wave2]!, /^Wave 2 {2}3 hosts, 34\.0 s$/);
  assert.match(lines[wave2 + 1]!, /^ {2}host +outcome +artifact +release +time +sent$/);
  assert.match(lines[wave2 + 2]!, /^ {2}pi-kitchen +↩ rolled-back +linux\/arm\/7 +1\.1\.0-0123456789ab → 1\.2\.0-ba9876543210 +33\.9 s +1\.8 MiB$/);
  assert.match(lines[wave2 + 3]!, /^ {2}router +⊘ refused +linux\/arm64 +— → — +240 ms +0 B$/);
  assert.match(lines[wave2 + 4]!, /^ {2}<script>alert\(1\)<\/script>\\x1b\[2J +✓ updated +linux\/riscv64 /);
  // Columns line up: the outcome column starts at the same place on every row of the wave.
  const at = (l: string, word: string): number => [...l.slice(0, l.indexOf(word))].length;
  assert.equal(at(lines[wave2 + 2]!, '↩'), at(lines[wave2 + 4]!, '✓'));
  assert.match(text, /^Wave 3 {2}1 host\n {2}host .*\n {2}edge-9 +· untouched +— +— → — +0 ms +0 B$/m);
  assert.match(text, /^FAILED Deployed hello-service 1\.2\.0-ba9876543210: 2 updated, 1 rolled back, 1 refused, 1 untouched — 2 failures of 1 allowed — budget exceeded — in 41\.5 s$/m);
  assert.match(text, /^Stopped: the failure budget was exceeded \(2 > 1\)/m);
});

test('a rolled-back host shows the failing step, its fix, the findings and the last 20 journal lines, escaped', () => {
  const text = renderDeploySummary(REPORT, false);
  const block = text.slice(text.indexOf('↩ pi-kitchen'), text.indexOf('⊘ router'));
  assert.match(block, /^↩ pi-kitchen \(10\.77\.0\.12\): rolled back\n {4}health-http failed: GET \/healthz\?verbose: component db is fail\n {4}fix: look at the journal/);
  assert.match(block, /^ {6}fail db: component db: status fail \(connection refused\)$/m);
  assert.match(block, /journal of 1\.2\.0-ba9876543210 \(last 20 of 31 lines\):/);
  const journal = block.split('\n').filter((l) => l.startsWith('    │ '));
  assert.equal(journal.length, JOURNAL_LINES);
  assert.match(journal[0]!, /line 12$/);
  assert.equal(journal.at(-1), '    │ panic: <script>alert("x")</script> \\x1b[31mred\\x1b[0m \\x1b]0;title\\x07');
  assert.ok(!block.includes('line 11\n'), 'older lines are left out');
  const refused = text.slice(text.indexOf('⊘ router'));
  assert.match(refused, /preflight failed: linux\/arm64 does not run on this device\n {4}fix: build with CGO_ENABLED=0/);
  assert.match(refused, /^ {6}fail libc: needs GLIBC_2\.34, the device has glibc 2\.28\n {11}fix: build with CGO_ENABLED=0, or for glibc 2\.28$/m);
  assert.match(refused, /^ {6}warn init: no systemd/m);
  assert.match(refused, /^ {6}fail router lacks systemd-run$/m, 'a subject that is the host itself is not repeated');
  assert.doesNotMatch(refused, /pass arch/, 'passing findings are not failures to explain');
});

test('with colour on, outcomes are coloured; painting does not move the columns', () => {
  const text = renderDeploySummary(REPORT, true);
  assert.match(text, /\u001b\[33m↩ rolled-back\u001b\[0m {2}linux\/arm\/7/);
  assert.match(text, /\u001b\[31m⊘ refused +\u001b\[0m/);
  assert.match(text, /\u001b\[32m✓ updated +\u001b\[0m/);
  // Only SGR colour codes: the hostile host's clear-screen is still escaped.
  assert.ok(!/\u001b\[2J/.test(text));
  assert.equal(text.replace(/\u001b\[\d+m/g, ''), renderDeploySummary(REPORT, false));
  assert.equal(painter(false)('red', 'x'), 'x');
});

test('plain progress: one line per step end and per host done, never a cursor movement', () => {
  const c = capture();
  const r = plainDeployRenderer(c.out);
  const events = eventsOf(REPORT);
  for (const e of events) r.onEvent(e);
  r.close();
  const text = c.text();
  assert.ok(!text.includes(ESC), 'no escape sequence at all');
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[0], 'deploying hello-service 1.2.0-ba9876543210 to 5 hosts in 3 waves (1, 3, 1), failure budget 1');
  const stepEnds = events.filter((e) => e.type === 'step' && e.phase === 'end').length;
  assert.equal(lines.filter((l) => l.startsWith('  ')).length, stepEnds, 'one line per step end');
  assert.ok(lines.includes('  pi-kitchen health-http fail: GET /healthz?verbose: component db is fail (30.0 s)'));
  assert.ok(lines.includes('  canary upload ok: sent 2.1 MiB over sftp (900 ms)'));
  assert.ok(lines.includes('↩ rolled-back pi-kitchen 1.1.0-0123456789ab → 1.2.0-ba9876543210 33.9 s, 1.8 MiB sent: health-http: GET /healthz?verbose: component db is fail'));
  assert.ok(lines.includes('✓ updated <script>alert(1)</script>\\x1b[2J 1.1.0-0123456789ab → 1.2.0-ba9876543210 4.3 s, 2.1 MiB sent'));
  assert.ok(lines.includes('wave 2: pi-kitchen, router, <script>alert(1)</script>\\x1b[2J'));
  assert.ok(lines.includes('failure budget exceeded in wave 2: 2 failures, 1 allowed; rolling back wave 2, later waves stay untouched'));
  assert.ok(!lines.some((l) => l.includes('edge-9')), 'the untouched host never started');
});

test('live TTY progress: one line per host in flight with wave, current step and elapsed, redrawn in place, erased at close', () => {
  let t = 0;
  const c = capture();
  const r = ttyDeployRenderer(c.out, { intervalMs: 0, now: () => t, columns: 100 });
  const plan = eventsOf(REPORT)[0]!;
  r.onEvent(plan);
  r.onEvent({ type: 'wave-start', wave: 2, hosts: ['pi-kitchen', 'router', HOSTILE_HOST] });
  r.onEvent({ type: 'step', host: 'pi-kitchen', step: 'connect', phase: 'start' });
  t = 1000;
  r.onEvent({ type: 'step', host: HOSTILE_HOST, step: 'connect', phase: 'start' });
  t = 3500;
  r.onEvent({ type: 'step', host: 'pi-kitchen', step: 'upload', phase: 'start' });
  // The last frame: move up over the previous block, permanent lines, then the live block.
  const frames = c.text().split(/\u001b\[\d+F/);
  const last = withoutCursor(frames.at(-1)!);
  assert.deepEqual(last.split('\n').filter(Boolean), ['  › pi-kitchen  wave 2  upload  3.5 s', '  › <script>alert(1)</script>\\x1b[2J  wave 2  connect  2.5 s']);
  assert.ok(!/\u001b\[2J|\u001b\[3[0-9]m/.test(c.text()), 'no hostile sequence and no colour when colour is off');
  // A host done leaves the live block and becomes a permanent line.
  r.onEvent({ type: 'host-done', result: REPORT.hosts[1]! });
  const after = withoutCursor(c.text().split(/\u001b\[\d+F/).at(-1)!);
  assert.match(after, /^↩ rolled-back pi-kitchen /);
  assert.deepEqual(after.split('\n').filter((l) => l.startsWith('  ›')), ['  › <script>alert(1)</script>\\x1b[2J  wave 2  connect  2.5 s']);
  const before = c.text().length;
  r.close();
  assert.equal(c.text().slice(before), '\u001b[1F\u001b[0J', 'close moves up over the one live line and erases it');
});

test('live lines are cut to the terminal width so they never wrap', () => {
  const c = capture(true);
  const r = ttyDeployRenderer(c.out, { intervalMs: 0, now: () => 0, columns: 30 });
  r.onEvent({ type: 'wave-start', wave: 1, hosts: ['a-very-long-host-name-that-does-not-fit.example.com'] });
  r.onEvent({ type: 'step', host: 'a-very-long-host-name-that-does-not-fit.example.com', step: 'preflight', phase: 'start' });
  r.close();
  for (const line of withoutCursor(c.text()).split('\n')) assert.ok(line.replace(/\u001b\[\d+m/g, '').length <= 29, JSON.stringify(line));
  assert.match(c.text(), /a-very-long-host-name-th…/);
});

test('--json: one event per line with schemaVersion and time; the last, done, carries the exact report', () => {
  const lines: string[] = [];
  const r = jsonDeployRenderer((l) => lines.push(l), () => new Date('2024-05-01T12:00:00Z'));
  const events = eventsOf(REPORT);
  for (const e of events) r.onEvent(e);
  assert.equal(lines.length, events.length);
  const parsed = lines.map((l) => JSON.parse(l) as DeployEvent & { schemaVersion: number; time: string });
  assert.ok(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n')));
  assert.deepEqual([...new Set(parsed.map((p) => p.schemaVersion))], [1]);
  assert.equal(parsed[0]!.time, '2024-05-01T12:00:00.000Z');
  const done = parsed.at(-1)!;
  assert.equal(done.type, 'done');
  assert.deepEqual((done as Extract<DeployEvent, { type: 'done' }>).report, REPORT, 'strings stay exact in JSON, hostile ones too');
});

test('--dry-run prints per host the artifact, preflight verdicts with fixes and the steps it would run', () => {
  const text = renderDeployPlan(DRY_RUN, false);
  assert.match(text, /^Plan: deploy hello-service 1\.2\.0-ba9876543210 to 2 hosts in 2 waves, failure budget 1\ndry run: nothing was changed on any host$/m);
  assert.match(text, /^ {2}canary \(10\.77\.0\.11\)\n {4}artifact: linux\/amd64, release 1\.1\.0-0123456789ab → 1\.2\.0-ba9876543210\n {4}connect: ok\n {4}preflight: ok — runs linux\/amd64\n {6}pass libc: glibc 2\.36\n {4}would run:\n {6}upload\n {6}verify-checksum\n/m);
  assert.match(text, /^ {6}switch {11}would switch current from 1\.1\.0-0123456789ab to 1\.2\.0-ba9876543210$/m, 'what a step would do, when the pipeline says');
  assert.match(text, / {6}health-http\n {6}commit\n {6}prune\n/);
  assert.match(text, /^ {2}router \(10\.77\.0\.20\)\n {4}artifact: linux\/arm64\n {4}connect: ok\n {4}preflight: no — linux\/arm64 does not run on this device\n {6}fix: build with CGO_ENABLED=0, or for glibc 2\.28\n/m);
  assert.match(text, /^ {6}fail libc: needs GLIBC_2\.34, the device has glibc 2\.28\n {11}fix: build with CGO_ENABLED=0, or for glibc 2\.28$/m);
  assert.match(text, /^ {4}refused: nothing on this host would be touched$/m);
  assert.match(text, /^1 host would be refused \(within the failure budget of 1\)\.$/m);
  assert.ok(!text.includes(ESC));
});

test('releases: per host a table of release id, current marker, switched at and by; errors per host; escaped', () => {
  const report: ReleasesReport = {
    schemaVersion: 1,
    service: 'hello-service',
    hosts: [
      {
        host: 'canary',
        address: '10.77.0.11',
        error: null,
        releases: [
          { id: '1.2.0-ba9876543210', current: true, switchedAt: '2024-05-01T12:00:04Z', switchedBy: 'ci@build-1' },
          { id: '1.1.0-0123456789ab', current: false, switchedAt: '2024-04-20T09:00:00Z', switchedBy: `mallory\u001b[2J` },
          { id: '1.0.0-aaaaaaaaaaaa', current: false, switchedAt: null, switchedBy: null },
        ],
      },
      { host: 'router', address: '10.77.0.20', error: 'Cannot connect to router (10.77.0.20:22): connection refused', releases: [] },
      { host: 'edge-9', address: '10.77.0.30', error: null, releases: [] },
    ],
  };
  const lines = renderReleases(report, false).split('\n');
  assert.deepEqual(lines.slice(0, 5), [
    'canary (10.77.0.11)',
    '  release             current  switched at           by',
    '  1.2.0-ba9876543210  *        2024-05-01T12:00:04Z  ci@build-1',
    '  1.1.0-0123456789ab           2024-04-20T09:00:00Z  mallory\\x1b[2J',
    '  1.0.0-aaaaaaaaaaaa           —                     —',
  ]);
  assert.ok(lines.includes('  error Cannot connect to router (10.77.0.20:22): connection refused'));
  assert.ok(lines.includes('  no releases of hello-service on this host'));
  assert.equal(lines.at(-2), '3 hosts, 1 could not be read');
  assert.match(renderReleases(report, true), /\u001b\[32m1\.2\.0-ba9876543210 +\* /);
});

test('a rollback says so: its plan line and verdict', () => {
  const c = capture();
  const r = plainDeployRenderer(c.out, 'rollback');
  r.onEvent({ type: 'plan', service: 'hello-service', release: '1.1.0', waves: [['dev1', 'dev2']], maxFailures: 0, dryRun: false });
  assert.equal(c.text(), 'rolling back hello-service to 1.1.0 on 2 hosts in 1 wave (2), failure budget 0\n');
  assert.match(renderDeploySummary({ ...REPORT, command: 'rollback', budgetExceeded: false }, false), /^FAILED Rollback of hello-service: /m);
});

test('a host put back after the budget was exceeded (no step of its own failed) says why from its last step', () => {
  const putBack = { ...REPORT.hosts[0]!, outcome: 'rolled-back' as const, steps: [{ step: 'connect' as const, status: 'ok' as const, durationMs: 50, message: 'root@10.77.0.11:22' }, { step: 'rollback' as const, status: 'ok' as const, durationMs: 900, message: 'failure budget exceeded in wave 1; current → releases/1.1.0-0123456789ab, restarted' }] };
  const text = renderDeploySummary({ ...REPORT, hosts: [putBack] }, false);
  assert.match(text, /^↩ canary \(10\.77\.0\.11\): rolled back\n {4}rollback: failure budget exceeded in wave 1; current → releases\/1\.1\.0-0123456789ab, restarted$/m);
});
