/**
 * The deploy's report files: JUnit (one suite per wave, one case per host × step, the failed
 * release's journal as system-out, well-formed with hostile text) and the HTML page (one row per
 * host, steps timeline, journal, every device string escaped), rendered in headless Chromium.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeployReport } from '../src/deploy/model.ts';
import { renderDeployHtml, writeDeployHtml } from '../src/report/deploy/html.ts';
import { renderDeployJunit, writeDeployJunit } from '../src/report/deploy/junit.ts';
import { DRY_RUN, JOURNAL, REPORT } from './support/deploy-report.ts';
import { CACHE } from './support/go.ts';
import { parseXml, type XmlElement } from './support/xml.ts';
import { launchChromium, watchPage } from './support/chromium.ts';

const child = (e: XmlElement, name: string): XmlElement | undefined => e.children.find((c) => c.name === name);

test('JUnit: one testsuite per wave, one testcase per host × step (classname host, name step), counts that add up', () => {
  const root = parseXml(renderDeployJunit(REPORT));
  assert.equal(root.name, 'testsuites');
  const suites = root.children;
  assert.deepEqual(suites.map((s) => s.attributes.name), ['deploy hello-service wave 1', 'deploy hello-service wave 2', 'deploy hello-service wave 3']);
  for (const [i, w] of REPORT.waves.entries()) {
    const hosts = REPORT.hosts.filter((h) => h.wave === w.wave);
    // XML cannot carry the hostile name's ESC: its escape sequence is dropped.
    const name = (host: string): string => host.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
    const expected = hosts.flatMap((h) => (h.steps.length ? h.steps.map((s) => `${name(h.host)} ${s.step}`) : [`${h.host} deploy`]));
    assert.deepEqual(suites[i]!.children.map((c) => `${c.attributes.classname} ${c.attributes.name}`), expected, `wave ${w.wave}`);
    assert.equal(Number(suites[i]!.attributes.tests), expected.length);
  }
  assert.equal(root.attributes.failures, '2', 'health-http of pi-kitchen, preflight of router');
  assert.equal(root.attributes.skipped, '1', 'the untouched host');
  assert.equal(Number(root.attributes.tests), suites.reduce((n, s) => n + Number(s.attributes.tests), 0));
  assert.equal(suites[1]!.attributes.time, '34.000');
});

test('JUnit: a failed step carries its message, fix and findings; the journal (hostile text too) is the system-out, exact but XML-safe', () => {
  const root = parseXml(renderDeployJunit(REPORT));
  const cases = root.children.flatMap((s) => s.children);
  const health = cases.find((c) => c.attributes.classname === 'pi-kitchen' && c.attributes.name === 'health-http')!;
  const failure = child(health, 'failure')!;
  assert.equal(failure.attributes.message, 'GET /healthz?verbose: component db is fail');
  assert.match(failure.text, /^GET \/healthz\?verbose: component db is fail\nfix: look at the journal below.*\nfail: db: component db: status fail \(connection refused\)$/);
  const out = child(health, 'system-out')!.text;
  // XML 1.0 cannot carry ESC or BEL: the colour codes go, the text around them stays.
  assert.equal(out, JOURNAL.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''));
  assert.match(out, /panic: <script>alert\("x"\)<\/script> red \]0;title$/);
  assert.equal(cases.filter((c) => child(c, 'system-out')).length, 1, 'the journal is attached once');
  const rollback = cases.find((c) => c.attributes.classname === 'pi-kitchen' && c.attributes.name === 'rollback')!;
  assert.equal(rollback.children.length, 0, 'the rollback itself passed');
  const preflight = cases.find((c) => c.attributes.classname === 'router' && c.attributes.name === 'preflight')!;
  assert.match(child(preflight, 'failure')!.text, /fail: libc: needs GLIBC_2\.34, the device has glibc 2\.28 \(fix: build with CGO_ENABLED=0, or for glibc 2\.28\)/);
  const hostile = cases.filter((c) => c.attributes.classname === '<script>alert(1)</script>');
  assert.equal(hostile.length, 12, 'the hostile host keeps its cases, its name without the escape sequence');
  const untouched = cases.find((c) => c.attributes.classname === 'edge-9')!;
  assert.equal(child(untouched, 'skipped')!.attributes.message, 'untouched: no step ran on this host');
});

test('JUnit: dry-run steps are skipped cases; the file is published atomically, no temp file left', async () => {
  const root = parseXml(renderDeployJunit(DRY_RUN));
  const canary = root.children[0]!.children;
  assert.deepEqual(canary.filter((c) => child(c, 'skipped')).map((c) => c.attributes.name), ['upload', 'verify-checksum', 'install-unit', 'arm-revert', 'switch', 'restart', 'health-systemd', 'health-http', 'commit', 'prune']);
  await mkdir(CACHE, { recursive: true });
  const dir = await mkdtemp(join(CACHE, 'deploy-junit-'));
  try {
    await writeDeployJunit(join(dir, 'reports', 'junit.xml'), REPORT);
    assert.deepEqual(await readdir(join(dir, 'reports')), ['junit.xml']);
    assert.equal(readFileSync(join(dir, 'reports', 'junit.xml'), 'utf8'), renderDeployJunit(REPORT));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('HTML: one row per host, a section per wave with each host, steps and journal; every device string escaped', () => {
  const html = renderDeployHtml(REPORT);
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /\u001b|\u0007/, 'no raw control characters');
  assert.equal([...html.matchAll(/<tr data-host=/g)].length, REPORT.hosts.length);
  assert.equal([...html.matchAll(/<section class="host /g)].length, REPORT.hosts.length);
  assert.match(html, /<tr data-host="&lt;script&gt;alert\(1\)&lt;\/script&gt;\\x1b\[2J" data-outcome="updated">/);
  assert.match(html, /<section class="host skipped" id="h-1" data-host="pi-kitchen" data-outcome="rolled-back">/);
  assert.match(html, /<pre>[^<]*panic: &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; red \\x1b\]0;title\\x07<\/pre>/, 'colours dropped, other controls shown');
  assert.equal([...html.matchAll(/<div class="timeline"/g)].length, 4, 'a timeline for each host that ran steps');
  assert.match(html, /<h2>Wave 3 <span class="muted">1 host<\/span><\/h2>/);
  assert.match(html, /The failure budget was exceeded \(2 failures, 1 allowed\)/);
  assert.match(renderDeployHtml({ ...DRY_RUN, exitCode: 0 } as DeployReport), /<span class="verdict passed">DRY RUN<\/span>/);
});

test('the deploy HTML renders in headless Chromium: one visible row per host, outcomes coloured, hostile strings shown as text, no network', { skip: !existsSync('/usr/bin/chromium') && 'chromium is not installed (scripts/setup.sh --with-browser)' }, async () => {
  await mkdir(CACHE, { recursive: true });
  const dir = await mkdtemp(join(CACHE, 'deploy-html-'));
  const file = join(dir, 'deploy.html');
  await writeDeployHtml(file, REPORT);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const { problems, requests } = watchPage(page);
    await page.goto(`file://${file}`);
    const rows = page.locator('table.hosts tr[data-host]');
    assert.equal(await rows.count(), REPORT.hosts.length);
    assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome'))), REPORT.hosts.map((h) => h.outcome));
    for (let i = 0; i < REPORT.hosts.length; i++) assert.ok(await rows.nth(i).isVisible(), `row ${i}`);
    // The hostile name is text in the row and the heading, not markup; its ESC is shown as \x1b.
    assert.equal(await rows.nth(3).locator('th a').textContent(), '<script>alert(1)</script>\\x1b[2J');
    assert.equal(await page.locator('section.host#h-3 h3').evaluate((e) => e.firstChild?.textContent), '<script>alert(1)</script>\\x1b[2J ');
    assert.equal(await page.locator('script').count(), 0);
    const journal = await page.locator('section.host[data-host="pi-kitchen"] details.journal pre').textContent();
    assert.ok(journal!.endsWith('panic: <script>alert("x")</script> red \\x1b]0;title\\x07'), journal!.slice(-80));
    // Outcomes are coloured differently, and the timeline has a visible segment per step.
    const bg = (sel: string): Promise<string> => page.locator(sel).first().evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.notEqual(await bg('table.hosts td.failed'), await bg('table.hosts td.passed'));
    const segments = page.locator('section.host[data-host="pi-kitchen"] .timeline span');
    assert.equal(await segments.count(), 11);
    const failed = await page.locator('section.host[data-host="pi-kitchen"] .timeline span[data-step="health-http"]').boundingBox();
    const connect = await page.locator('section.host[data-host="pi-kitchen"] .timeline span[data-step="connect"]').boundingBox();
    assert.ok(failed && connect && failed.width > connect.width * 10, `the 30 s gate is wider than the 100 ms connect: ${JSON.stringify([failed, connect])}`);
    assert.deepEqual(problems, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), []);
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
});
