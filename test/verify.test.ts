/**
 * End to end: `gocross verify` on examples/hello-service under real QEMU, and on the CGO fixture.
 * Three CLI runs start at once (they share the Go build cache) and each test reads its run:
 *  - main: 5 targets (amd64 native; arm64, arm/7, ppc64le, s390x under QEMU) where arm64's health
 *    has a failing component and s390x never becomes ready, ignores SIGTERM and leaks a helper;
 *  - missing QEMU: arm64 + riscv64 with a QEMU search path that lacks qemu-riscv64;
 *  - cgo: linux/arm64 with Debian's cross gcc, checked against centos7 and a static-only policy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, type RunResult } from '../src/process/run.ts';
import { isPortBound } from '../src/verify/ports.ts';
import type { StageResult, TargetResult, VerifyReport } from '../src/verify/model.ts';
import { CACHE, FIXTURES, lacks, REPO } from './support/go.ts';
import { parseXml } from './support/xml.ts';
import { launchChromium } from './support/chromium.ts';

const missing = lacks('go', 'qemu-aarch64-static', 'qemu-arm-static', 'qemu-ppc64le-static', 'qemu-s390x-static');
const EXAMPLE = join(REPO, 'examples/hello-service');
const MARKER = `gocross-verify-test-helper-${process.pid}`;

await mkdir(CACHE, { recursive: true });
const tmp = await mkdtemp(join(CACHE, 'verify-test-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[]): Promise<RunResult> {
  return run(process.execPath, [join(REPO, 'src/cli/bin.ts'), 'verify', ...args], {
    cwd: REPO,
    env: { ...process.env, GOCACHE: join(CACHE, 'go-build'), GOFLAGS: '-mod=mod', GOPROXY: 'off', CI: 'true', NO_COLOR: '1' },
    reject: false,
    timeoutMs: 12 * 60_000,
  });
}

const mainConfig = `
verify:
  profiles: { '*': [debian12] }
  policy: { linkage: static, forbid: [no-nx] }
  smoke: { args: [--version], stdout: '^hello-service ' }
  service:
    portEnv: PORT
    readiness: { path: /readyz, timeoutMs: 15000 }
    stopTimeoutMs: 2000
    checks:
      - { path: /healthz, json: { status: pass } }
      - { path: '/healthz?verbose' }
  env: { GODEBUG: asyncpreemptoff=1 }
  targetEnv:
    linux/arm64: { HELLO_FAIL_COMPONENT: database }
    linux/s390x: { HELLO_NEVER_READY: '1', HELLO_IGNORE_SIGTERM: '1', HELLO_HELPER_MARKER: ${MARKER} }
`;
const cgoConfig = `
build:
  cc: { linux/arm64: aarch64-linux-gnu-gcc }
verify:
  targets: [linux/arm64]
  profiles: { linux/arm64: [debian12, centos7] }
  policy: { linkage: static }
  smoke: { args: [], stdout: 'cgo says 42' }
`;

interface Outcome {
  result: RunResult;
  report: VerifyReport;
  dir: string;
}

async function verifyRun(name: string, config: string | null, args: string[]): Promise<Outcome> {
  const dir = join(tmp, name);
  await mkdir(dir, { recursive: true });
  const configArgs: string[] = [];
  if (config !== null) {
    await writeFile(join(dir, 'gocross.config.yaml'), config);
    configArgs.push('--config', join(dir, 'gocross.config.yaml'));
  }
  const result = await cli([...args, ...configArgs, '-o', join(dir, 'dist'), '--html', join(dir, 'report'), '--junit', join(dir, 'junit.xml'), '--json']);
  let report: VerifyReport;
  try {
    report = JSON.parse(result.stdout) as VerifyReport;
  } catch {
    throw new Error(`verify ${name} printed no JSON report (exit ${result.exitCode}):\n${result.stderr.slice(-3000)}`);
  }
  return { result, report, dir };
}

const qemuDir = join(tmp, 'qemu-without-riscv64');
const runs = missing
  ? null
  : (async () => {
      await mkdir(qemuDir, { recursive: true });
      await symlink('/usr/bin/qemu-aarch64-static', join(qemuDir, 'qemu-aarch64-static'));
      const main = verifyRun('main', mainConfig, ['-C', EXAMPLE, '-t', 'linux/amd64,linux/arm64,linux/arm/7,linux/ppc64le,linux/s390x']);
      const noQemu = verifyRun('no-qemu', null, ['-C', EXAMPLE, '-t', 'linux/arm64,linux/riscv64', '--qemu-path', qemuDir]);
      const cgo = lacks('aarch64-linux-gnu-gcc') ? null : verifyRun('cgo', cgoConfig, ['-C', join(FIXTURES, 'cgo'), '--cgo']);
      // Keep the promises from rejecting unobserved while another test awaits.
      for (const p of [main, noQemu, cgo]) p?.catch(() => {});
      return { main, noQemu, cgo };
    })();

const target = (o: Outcome, id: string): TargetResult => {
  const t = o.report.targets.find((x) => x.target === id);
  assert.ok(t, `no ${id} in the report`);
  return t;
};
const stageOf = (t: TargetResult, name: string): StageResult => t.stages.find((s) => s.stage === name)!;
const statuses = (t: TargetResult): string => t.stages.map((s) => `${s.stage}:${s.status}`).join(' ');

test('verify passes every stage for amd64 (native), arm/7 and ppc64le (QEMU) and exits 1 for the failures', { skip: missing }, async () => {
  const o = await (await runs!).main;
  assert.equal(o.result.exitCode, 1, o.result.stderr);
  assert.equal(o.report.schemaVersion, 2);
  for (const id of ['linux/amd64', 'linux/arm/7', 'linux/ppc64le']) {
    const t = target(o, id);
    assert.equal(t.status, 'passed', `${id}: ${statuses(t)}\n${t.stages.map((s) => s.reason).join('\n')}`);
    assert.equal(t.facts.linkage, 'static');
    assert.match(stageOf(t, 'smoke').reason, new RegExp(`hello-service \\S+ ${id.split('/').slice(0, 2).join('/')}`));
    assert.ok(t.facts.components?.some((c) => c.name === 'database' && c.status === 'pass'));
  }
  assert.equal(target(o, 'linux/amd64').facts.runner, 'native');
  assert.match(target(o, 'linux/arm/7').facts.runner ?? '', /^qemu-arm/);
  // Each emulated service got its own port.
  const ports = o.report.targets.map((t) => t.facts.port).filter((p) => p !== undefined);
  assert.equal(new Set(ports).size, ports.length);
  // The summary names each failure and its log.
  assert.match(o.result.stderr, /✗ linux\/arm64 service: component database failed/);
  assert.match(o.result.stderr, /log: .*linux_arm64\/service\.log/);
});

test('a failing health component fails the service stage, naming the component', { skip: missing }, async () => {
  const o = await (await runs!).main;
  const t = target(o, 'linux/arm64');
  const service = stageOf(t, 'service');
  assert.equal(service.status, 'failed');
  assert.match(service.reason, /component database failed: database is unreachable/);
  assert.equal(stageOf(t, 'smoke').status, 'passed');
  assert.deepEqual(
    t.facts.components?.filter((c) => c.status === 'fail').map((c) => `${c.check} ${c.name}`),
    ['/healthz database', '/healthz?verbose database'],
  );
  assert.ok(service.logPath && existsSync(join(REPO, service.logPath)), `log file ${service.logPath}`);
  assert.match(readFileSync(join(REPO, service.logPath!), 'utf8'), /GET \/healthz → 503/);
});

test('a service that never becomes ready times out; its whole process tree is gone and its port free', { skip: missing }, async () => {
  const o = await (await runs!).main;
  const t = target(o, 'linux/s390x');
  const service = stageOf(t, 'service');
  assert.equal(service.status, 'failed');
  assert.match(service.reason, /not ready after 15000 ms \(last: GET \/readyz → 503/);
  const log = readFileSync(join(REPO, service.logPath!), 'utf8');
  assert.match(log, /helper started/, 'the service started its helper (so there was a tree to stop)');
  assert.match(log, /SIGKILL/, 'SIGTERM was ignored, so the stop escalated');
  assert.ok(service.findings.some((f) => f.id === 'service/process-tree' && f.status === 'pass'));
  // Independently of gocross's own check: no process carries the helper's marker, the port is free.
  const leftovers = readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(MARKER);
    } catch {
      return false;
    }
  });
  assert.deepEqual(leftovers, []);
  assert.equal(typeof t.facts.port, 'number');
  assert.equal(await isPortBound(t.facts.port!), false);
});

test('a missing QEMU skips that target\'s emulated stages with the reason; the rest pass and verify exits 0', { skip: missing }, async () => {
  const o = await (await runs!).noQemu;
  assert.equal(o.result.exitCode, 0, o.result.stderr);
  const riscv = target(o, 'linux/riscv64');
  for (const s of ['smoke', 'service']) {
    assert.equal(stageOf(riscv, s).status, 'skipped');
    assert.match(stageOf(riscv, s).reason, /qemu-riscv64/);
  }
  for (const s of ['build', 'inspect', 'policy', 'compat']) assert.equal(stageOf(riscv, s).status, 'passed', statuses(riscv));
  const arm64 = target(o, 'linux/arm64');
  assert.equal(arm64.status, 'passed', statuses(arm64));
  assert.equal(stageOf(arm64, 'service').status, 'passed');
  assert.match(o.result.stderr, /– linux\/riscv64 smoke: .*qemu-riscv64/);
});

test('a CGO arm64 build fails compat on centos7 naming GLIBC_2.34, and a static-only policy', { skip: missing || lacks('aarch64-linux-gnu-gcc') }, async () => {
  const o = await (await runs!).cgo!;
  assert.equal(o.result.exitCode, 1, o.result.stderr);
  const t = target(o, 'linux/arm64');
  assert.equal(t.facts.linkage, 'dynamic');
  const compat = stageOf(t, 'compat');
  assert.equal(compat.status, 'failed');
  assert.match(compat.reason, /does not run on centos7: .*GLIBC_2\.34/);
  assert.deepEqual(t.facts.compat?.map((c) => [c.profile, c.runs]), [['debian12', true], ['centos7', false]]);
  const policy = stageOf(t, 'policy');
  assert.equal(policy.status, 'failed');
  assert.match(policy.reason, /linked dynamically where static is required \(needs libc\.so\.6/);
  // Dynamic foreign binaries run with the Debian cross sysroot.
  assert.equal(stageOf(t, 'smoke').status, 'passed', stageOf(t, 'smoke').reason);
});

test('the JUnit report parses, with one testcase per target × stage and failures/skips as elements', { skip: missing }, async () => {
  const o = await (await runs!).main;
  const root = parseXml(readFileSync(join(o.dir, 'junit.xml'), 'utf8'));
  const suites = root.children.filter((c) => c.name === 'testsuite');
  assert.deepEqual(suites.map((s) => s.attributes.name), o.report.targets.map((t) => t.target));
  const cases = suites.flatMap((s) => s.children);
  assert.equal(cases.length, o.report.targets.length * 6);
  const failedCases = cases.filter((c) => c.children.some((x) => x.name === 'failure')).map((c) => `${c.attributes.classname} ${c.attributes.name}`);
  assert.deepEqual(failedCases.sort(), ['gocross.verify.linux/arm64 service', 'gocross.verify.linux/s390x service']);
  assert.equal(root.attributes.failures, '2');
});

test('the HTML report renders every target row and status in headless Chromium', { skip: missing || (!existsSync('/usr/bin/chromium') && 'chromium is not installed (scripts/setup.sh --with-browser)') }, async () => {
  const o = await (await runs!).main;
  const html = join(o.dir, 'report', 'index.html');
  assert.doesNotMatch(readFileSync(html, 'utf8'), /<script|<link|src="http/);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${html}`);
    for (const t of o.report.targets) {
      const row = page.locator(`table.matrix tr[data-target="${t.target}"]`);
      assert.equal(await row.count(), 1, t.target);
      assert.equal(await row.getAttribute('data-status'), t.status);
      const cells = await row.locator('td.cell[data-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
      assert.deepEqual(cells, t.stages.map((s) => s.status));
      assert.ok(await row.isVisible());
    }
    // Colours are applied (a failed cell is not drawn like a passed one).
    const failedBg = await page.locator('td.cell.failed').first().evaluate((e) => getComputedStyle(e).backgroundColor);
    const passedBg = await page.locator('td.cell.passed').first().evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.notEqual(failedBg, passedBg);
    assert.equal(await page.locator('svg.size-chart rect.bar').count(), o.report.targets.length);
    assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), []);
    // Folded logs link to the log files beside the report.
    const hrefs = await page.locator('ul.stages a[href$=".log"]').evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).href));
    assert.ok(hrefs.length > 0);
    for (const h of hrefs) assert.ok(existsSync(new URL(h)), h);
    await page.screenshot({ path: join(CACHE, 'report-screenshot.png'), fullPage: true });
  } finally {
    await browser.close();
  }
  assert.ok(existsSync(join(CACHE, 'report-screenshot.png')));
});

test('a config error exits 2 before building anything', async () => {
  const dir = join(tmp, 'bad-config');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'a.yaml'), 'verify:\n  policy:\n    linkage: dyn\n');
  await writeFile(join(dir, 'b.yaml'), "verify:\n  profiles: { '*': [centos6] }\n");
  const a = await cli(['-C', EXAMPLE, '--config', join(dir, 'a.yaml'), '-o', join(dir, 'dist'), '--no-html']);
  assert.equal(a.exitCode, 2, a.stderr);
  assert.match(a.stderr, /verify\.policy\.linkage/);
  const b = await cli(['-C', EXAMPLE, '--config', join(dir, 'b.yaml'), '-o', join(dir, 'dist'), '--no-html']);
  assert.equal(b.exitCode, 2, b.stderr);
  assert.match(b.stderr, /unknown deploy profile "centos6"/);
  assert.equal(existsSync(join(dir, 'dist')), false);
});
