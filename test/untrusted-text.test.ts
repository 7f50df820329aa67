/**
 * Nothing untrusted reaches the terminal raw (issue 11, deliverable 4). A real cgo binary is
 * rewritten in place, keeping every length: its PT_INTERP clears the screen, its DT_NEEDED name
 * carries a newline that would spoof a line, a section name recolours, its Go module path sets the
 * terminal title and a build setting carries ESC and CR; the file name holds ESC and a newline too.
 * Every text command and renderer must show those escaped (`\x1b`, `\n`), while --json keeps the
 * exact bytes.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inspectFile } from '../src/binary/inspect.ts';
import { CGO_AMD64 } from '../src/binary/elf/testing/corpus.ts';
import type { DoctorReport } from '../src/host/doctor/run.ts';
import { renderDoctorReport } from '../src/render/doctor.ts';
import { createTerminalReporter, renderSummary } from '../src/report/terminal.ts';
import { renderHtml } from '../src/report/html.ts';
import { run } from '../src/process/run.ts';
import type { VerifyReport } from '../src/verify/model.ts';
import { REPO, goBinary, lacks } from './support/go.ts';

const ESC = '\u001b';
/** What the crafted strings become (same length as what they replace). */
const INTERP = `/lib64/${ESC}[2J${ESC}[HSPOOF`.padEnd('/lib64/ld-linux-x86-64.so.2'.length, 'x');
const NEEDED = 'l\nSPOOF:a';
const SECTION = `${ESC}[31m.cm`;
const MODULE = `ex${ESC}]0;pwned\u0007cgohello`;
const COMPILER = `${ESC}\r`;
const FILE_NAME = `evil${ESC}[2J\nSPOOF-name`;

/** Replaces `from` with `to` (same byte length) inside [start, end) of `bytes`, every occurrence; returns how many. */
function patch(bytes: Buffer, start: number, end: number, from: string, to: string): number {
  const a = Buffer.from(from, 'latin1');
  const b = Buffer.from(to, 'latin1');
  assert.equal(a.length, b.length, `${JSON.stringify(to)} keeps the length of ${from}`);
  let count = 0;
  for (let at = bytes.indexOf(a, start); at !== -1 && at + a.length <= end; at = bytes.indexOf(a, at + a.length)) {
    b.copy(bytes, at);
    count++;
  }
  return count;
}

async function crafted(original: string, out: string): Promise<void> {
  const info = await inspectFile(original);
  const bytes = await readFile(original);
  const range = (name: string): [number, number] => {
    const s = info.sections.find((x) => x.name === name);
    assert.ok(s && s.offset !== null, `section ${name}`);
    return [s.offset, s.offset + s.size];
  };
  assert.equal(patch(bytes, ...range('.interp'), '/lib64/ld-linux-x86-64.so.2\0', `${INTERP}\0`), 1);
  assert.equal(patch(bytes, ...range('.dynstr'), '\0libc.so.6\0', `\0${NEEDED}\0`), 1);
  assert.equal(patch(bytes, ...range('.shstrtab'), '\0.comment\0', `\0${SECTION}\0`), 1);
  assert.ok(patch(bytes, ...range('.go.buildinfo'), 'example.com/cgohello', MODULE) >= 2);
  assert.equal(patch(bytes, ...range('.go.buildinfo'), '-compiler=gc\n', `-compiler=${COMPILER}\n`), 1);
  await writeFile(out, bytes, { mode: 0o755 });
}

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], cwd: string): Promise<CliResult> {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', GOCROSS_TEST: '1' };
  const r = await run(process.execPath, [join(REPO, 'src/cli/bin.ts'), ...args], { cwd, env, reject: false, timeoutMs: 120_000 });
  return { code: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

/** No colour was asked for, so any ESC is injected; a raw CR or a line starting SPOOF is too. */
function assertSafe(text: string, what: string): void {
  assert.ok(!text.includes(ESC), `${what}: raw ESC in ${JSON.stringify(text)}`);
  assert.ok(!text.includes('\r'), `${what}: raw CR in ${JSON.stringify(text)}`);
  assert.ok(!text.includes('\u0007'), `${what}: raw BEL in ${JSON.stringify(text)}`);
  assert.doesNotMatch(text, /(^|\n)SPOOF/, `${what}: an untrusted newline started a line`);
}

function assertSafeRun(r: CliResult, what: string): void {
  assertSafe(r.stdout, `${what} stdout`);
  assertSafe(r.stderr, `${what} stderr`);
}

const skip = lacks('go', 'gcc');
let work = '';
let evil = '';

before(async () => {
  if (skip) return;
  work = await mkdtemp(join(tmpdir(), 'gocross-untrusted-'));
  evil = join(work, FILE_NAME);
  await crafted(await goBinary(CGO_AMD64.spec), evil);
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('untrusted text from a crafted binary', { skip }, () => {
  test('the crafted binary still parses and --json carries the exact bytes', async () => {
    const r = await cli(['inspect', '--json', FILE_NAME], work);
    assert.equal(r.code, 0, r.stderr);
    const [entry] = (JSON.parse(r.stdout) as { files: Array<Record<string, unknown> & { go: { main: { path: string }; settings: Record<string, string> } }> }).files;
    assert.ok(entry);
    assert.equal(entry.path, FILE_NAME);
    assert.equal(entry.interpreter, INTERP);
    assert.deepEqual(entry.needed, [NEEDED]);
    assert.ok((entry.sections as Array<{ name: string }>).some((s) => s.name === SECTION));
    assert.equal(entry.go.main.path, MODULE);
    assert.equal(entry.go.settings['-compiler'], COMPILER);
  });

  test('inspect shows every crafted string escaped: detail block, --verbose and the summary line', async () => {
    const single = await cli(['inspect', FILE_NAME], work);
    assert.equal(single.code, 0, single.stderr);
    assertSafeRun(single, 'inspect FILE');
    for (const shown of ['\\x1b[2J\\x1b[HSPOOF', 'l\\nSPOOF:a', '\\x1b[31m.cm', 'ex\\x1b]0;pwned\\x07cgohello', '\\x1b\\r', 'evil\\x1b[2J\\nSPOOF-name']) {
      assert.ok(single.stdout.includes(shown), `inspect FILE shows ${shown}:\n${single.stdout}`);
    }
    await mkdir(join(work, 'tree'), { recursive: true });
    await copyFile(evil, join(work, 'tree', FILE_NAME));
    await writeFile(join(work, 'tree', `notes${ESC}[2J.txt`), 'not a binary\n');
    const tree = await cli(['inspect', '-r', 'tree'], work);
    assertSafeRun(tree, 'inspect -r');
    assert.match(tree.stdout, /evil\\x1b\[2J\\nSPOOF-name: ELF 64-bit LSB .*interpreter \/lib64\/\\x1b\[2J/);
    assertSafeRun(await cli(['inspect', '--verbose', FILE_NAME, 'tree'], work), 'inspect --verbose');
  });

  test('compat shows the interpreter, library and profile verdicts escaped', async () => {
    const widest = await cli(['compat', FILE_NAME], work);
    assertSafeRun(widest, 'compat');
    assert.ok(widest.stdout.includes('evil\\x1b[2J\\nSPOOF-name'), widest.stdout);
    const on = await cli(['compat', FILE_NAME, '--on', 'debian12,alpine3.19'], work);
    assertSafeRun(on, 'compat --on');
    assert.ok(on.stdout.includes('\\x1b[2J'), on.stdout);
  });

  test('size and size --compare show file and section names escaped', async () => {
    const size = await cli(['size', FILE_NAME], work);
    assert.equal(size.code, 0, size.stderr);
    assertSafeRun(size, 'size');
    assert.ok(size.stdout.includes('\\x1b[31m.cm'), size.stdout);
    assertSafeRun(await cli(['size', FILE_NAME, '--compare', FILE_NAME], work), 'size --compare');
  });

  test('strip and sbom show the file names they wrote escaped', async () => {
    const stripped = `out${ESC}[2J\nSPOOF`;
    const strip = await cli(['strip', FILE_NAME, '-o', stripped], work);
    assert.equal(strip.code, 0, strip.stderr);
    assertSafeRun(strip, 'strip');
    assert.ok(strip.stdout.startsWith('out\\x1b[2J\\nSPOOF: '), strip.stdout);
    await mkdir(join(work, 'sboms'), { recursive: true });
    const sbom = await cli(['sbom', '-o', 'sboms', FILE_NAME], work);
    assert.equal(sbom.code, 0, sbom.stderr);
    assertSafeRun(sbom, 'sbom -o');
    assert.match(sbom.stdout, /cyclonedx SBOM of evil\\x1b\[2J\\nSPOOF-name\n$/);
    const doc = await cli(['sbom', FILE_NAME], work);
    assert.ok(doc.stdout.includes(JSON.stringify(MODULE).slice(1, -1)), 'the SBOM document keeps the module path exact (JSON-escaped)');
  });

  test('run --explain quotes the crafted interpreter escaped', async () => {
    const r = await cli(['run', '--explain', FILE_NAME], work);
    assertSafeRun(r, 'run --explain');
  });

  test('error messages printed by bin.ts escape file names but keep their own line breaks', async () => {
    const missing = await cli(['size', `gone${ESC}[2J\nSPOOF`], work);
    assert.notEqual(missing.code, 0);
    assertSafeRun(missing, 'size of a missing file');
    assert.match(missing.stderr, /gone\\x1b\[2J\\nSPOOF/);
    const inspectMissing = await cli(['inspect', `gone${ESC}[2J\nSPOOF`, FILE_NAME], work);
    assert.equal(inspectMissing.code, 1);
    assertSafeRun(inspectMissing, 'inspect of a missing file');
    const notElf = await cli(['compat', `notes${ESC}[2J.txt`], join(work, 'tree'));
    assertSafeRun(notElf, 'compat of a non-binary');
  });
});

describe('untrusted text in renderers fed crafted reports', () => {
  const reason = `qemu said ${ESC}[2J${ESC}[H\rSPOOF\nSPOOF: all passed`;
  const report = {
    schemaVersion: 2, ok: false, package: `./cmd/${ESC}[2Japp`, startedAt: '2024-01-01T00:00:00Z', durationMs: 1200, failOnSkip: false,
    tool: { name: 'gocross', version: '0.0.0' },
    summary: { targets: 1, passedTargets: 0, failedTargets: 1, skippedTargets: 0, stages: { passed: 1, failed: 1, skipped: 1 } },
    targets: [{
      target: 'linux/arm64', status: 'failed', durationMs: 1000,
      facts: { artifact: `dist/${ESC}[2Japp`, interpreter: INTERP, needed: [NEEDED], goVersion: 'go1.23.5', compat: [{ profile: 'debian12', runs: false, reasons: [reason] }] },
      stages: [
        { stage: 'build', status: 'passed', durationMs: 1, reason: '', findings: [] },
        { stage: 'smoke', status: 'failed', durationMs: 1, reason, log: `log ${ESC}[31mred${ESC}[0m ${ESC}]0;t\u0007 \u0000`, logPath: `logs/${ESC}[2J\nSPOOF.log`, findings: [] },
        { stage: 'service', status: 'skipped', durationMs: 0, reason, findings: [] },
      ],
    }],
  } as unknown as VerifyReport;

  test("verify's terminal summary and plain progress lines escape reasons and log paths", () => {
    const summary = renderSummary(report, false);
    assertSafe(summary, 'verify summary');
    assert.ok(summary.includes('\\x1b[2J\\x1b[H') || summary.includes('\\r'), summary);
    let text = '';
    const out = { write: (t: string) => void (text += t), isTTY: false, color: false };
    const reporter = createTerminalReporter({ progress: out, summary: out, plain: true });
    reporter.onEvent({ type: 'start', targets: ['linux/arm64'], stages: ['smoke'] } as never);
    reporter.onEvent({ type: 'stage-end', target: 'linux/arm64', result: report.targets[0]!.stages[1] } as never);
    assertSafe(text, 'verify plain progress');
  });

  test('the HTML report shows control characters as \\xNN, never raw', () => {
    const html = renderHtml(report);
    assert.doesNotMatch(html, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    assert.ok(html.includes('\\x1b'), 'the lone ESC of an OSC sequence is shown');
  });

  test("doctor's report escapes host strings in findings, fixes and the root", () => {
    const doctor = {
      ok: false,
      summary: { pass: 0, info: 0, warn: 0, fail: 1 },
      results: [{ id: 'binfmt', findings: [{ status: 'fail', message: `entry qemu-${ESC}[2J\nSPOOF has interpreter /x${ESC}[31m`, fix: `run ${ESC}]0;t\u0007 gocross binfmt install` }] }],
    } as unknown as DoctorReport;
    assertSafe(renderDoctorReport(doctor, `/mnt/${ESC}[2J\nSPOOF`, false), 'doctor');
  });
});
