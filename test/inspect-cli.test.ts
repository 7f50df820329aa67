/**
 * End-to-end tests of `gocross inspect`: the real CLI (node src/cli/bin.ts) on real Go binaries,
 * Go's own Mach-O fixture, non-binaries, directories and a truncated file; file(1) as the oracle
 * for the summary line's wording.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { run } from '../src/process/run.ts';
import { CGO_ARM64, ELF_CORPUS, build, type CorpusEntry } from '../src/binary/elf/testing/corpus.ts';
import { GO, REPO, goBinary, goEnv, lacks } from './support/go.ts';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with a clean colour environment (plus `env`). */
async function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const clean = { ...process.env };
  delete clean.NO_COLOR;
  delete clean.FORCE_COLOR;
  const r = await run(process.execPath, [join(REPO, 'src/cli/bin.ts'), ...args], { env: { ...clean, ...env }, reject: false, timeoutMs: 120_000 });
  return { code: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

interface Entry {
  path: string;
  ok: boolean;
  error?: { code: string; message: string; offset?: number };
  [key: string]: unknown;
}

function parseJson(stdout: string): { schemaVersion: number; files: Entry[] } {
  return JSON.parse(stdout) as { schemaVersion: number; files: Entry[] };
}

const entry = (label: string): CorpusEntry => {
  const found = ELF_CORPUS.find((e) => e.label === label);
  assert.ok(found, `corpus entry ${label}`);
  return found;
};

const skip = lacks('go');
let work = '';
let arm64 = '';
let pie = '';
let mips = '';
let windows = '';
let fat = '';
let notBinary = '';
let truncated = '';

before(async () => {
  if (skip) return;
  work = await mkdtemp(join(tmpdir(), 'gocross-inspect-cli-'));
  [arm64, pie, mips] = await Promise.all([build(entry('linux/arm64')), build(entry('linux/amd64 pie')), build(entry('linux/mips'))]);
  windows = await goBinary({ goos: 'windows', goarch: 'amd64' });
  const goroot = (await run(GO as string, ['env', 'GOROOT'], { env: goEnv() })).stdout.trim();
  fat = join(work, 'fat-386-amd64');
  const base64 = await readFile(join(goroot, 'src/debug/macho/testdata/fat-gcc-386-amd64-darwin-exec.base64'), 'latin1');
  await writeFile(fat, Buffer.from(base64, 'base64'));
  notBinary = join(work, 'notes.txt');
  await writeFile(notBinary, 'just some text, not an executable\n');
  truncated = join(work, 'truncated-arm64');
  await writeFile(truncated, (await readFile(arm64)).subarray(0, 100));
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('gocross inspect', { skip }, () => {
  test('prints a file(1)-style line and the detail block for a single Go binary', async () => {
    const r = await cli(['inspect', arm64]);
    assert.equal(r.code, 0, r.stderr);
    const [first] = r.stdout.split('\n');
    assert.match(first ?? '', /^\S+hello-linux-arm64: ELF 64-bit LSB executable, \S.* \(arm64\), statically linked, Go go1\.\d+(\.\d+)?, (with debug_info, )?not stripped$/);
    for (const heading of ['Machine', 'Linkage', 'Security', 'RELRO', 'NX enabled', 'Sections', '.text', 'Go build info', 'example.com/greet', 'GOARCH', 'arm64']) {
      assert.ok(r.stdout.includes(heading), `detail block lacks ${heading}:\n${r.stdout}`);
    }
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour when stdout is not a TTY');
  });

  test('colours only when asked (FORCE_COLOR) and never with NO_COLOR', async () => {
    const forced = await cli(['inspect', arm64], { FORCE_COLOR: '1' });
    assert.match(forced.stdout, /\u001b\[\d+m/);
    const noColor = await cli(['inspect', arm64], { FORCE_COLOR: '1', NO_COLOR: '1' });
    assert.equal(noColor.code, 0);
    assert.doesNotMatch(noColor.stdout, /\u001b\[/);
  });

  test('prints one line per file, in input order, and agrees with file(1) on kind and linkage', { skip: lacks('file') }, async () => {
    const files = [mips, pie, arm64, windows, fat];
    const r = await cli(['inspect', ...files]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.map((l) => l.slice(0, l.indexOf(': '))), files);
    for (const [i, path] of [mips, pie, arm64].entries()) {
      const oracle = (await run('file', ['-b', path])).stdout;
      const [format] = oracle.split(',');
      assert.ok(lines[i]?.includes(`: ${format}, `), `file(1) says "${format}"; we say ${lines[i]}`);
      const linkage = /(statically linked|dynamically linked|static-pie linked)/.exec(oracle)?.[1];
      assert.ok(linkage && lines[i]?.includes(linkage), `file(1) says ${linkage}; we say ${lines[i]}`);
    }
    assert.match(lines[3] ?? '', /: PE32\+ executable.* \(amd64\), for MS Windows, Go go1/);
    assert.match(lines[4] ?? '', /: Mach-O universal binary with 2 architectures: \[.*\(386\).*\(amd64\)/);
  });

  test('--json reports every input in order, with typed errors, and exits 1 when some fail', async () => {
    const missing = join(work, 'does-not-exist');
    const inputs = [arm64, notBinary, missing, work, truncated, windows, fat];
    const r = await cli(['inspect', '--json', ...inputs]);
    assert.equal(r.code, 1, r.stderr);
    const doc = parseJson(r.stdout);
    assert.equal(doc.schemaVersion, 1);
    assert.deepEqual(doc.files.map((f) => f.path), inputs);
    assert.deepEqual(doc.files.map((f) => f.ok), [true, false, false, false, false, true, true]);
    assert.deepEqual(doc.files.map((f) => f.error?.code ?? null), [null, 'unrecognized-format', 'io-error', 'io-error', 'format-error', null, null]);
    assert.match(doc.files[3]?.error?.message ?? '', /is a directory \(use -r\)/);
    assert.equal(typeof doc.files[4]?.error?.offset, 'number', 'a format error names its byte offset');

    const [elf, , , , , pe, macho] = doc.files;
    for (const key of ['format', 'goos', 'goarch', 'machine', 'bits', 'endian', 'kind', 'pie', 'linkage', 'interpreter', 'needed', 'rpath', 'runpath', 'versionNeeds', 'requiredGlibc', 'buildId', 'stripped', 'debugInfo', 'security', 'sections', 'go']) {
      assert.ok(elf && key in elf, `entry lacks ${key}`);
    }
    assert.deepEqual([elf?.format, elf?.goos, elf?.goarch, elf?.bits, elf?.endian, elf?.linkage], ['elf', 'linux', 'arm64', 64, 'little', 'static']);
    assert.equal((elf?.go as { version: string }).version.startsWith('go1.'), true);
    assert.deepEqual([pe?.format, pe?.goos, pe?.goarch], ['pe', 'windows', 'amd64']);
    assert.equal(macho?.format, 'macho-fat');
    assert.deepEqual((macho?.slices as Entry[]).map((s) => s.goarch), ['386', 'amd64']);
  });

  test('--json output larger than a pipe buffer is complete even when exiting 1', async () => {
    const inputs = [...Array.from({ length: 40 }, () => arm64), notBinary];
    const r = await cli(['inspect', '--json', ...inputs]);
    assert.equal(r.code, 1);
    assert.ok(r.stdout.length > 256 * 1024, `expected a large document, got ${r.stdout.length} bytes`);
    assert.deepEqual(parseJson(r.stdout).files.map((f) => f.ok), [...inputs.map(() => true).slice(1), false]);
  });

  test('--json writes a non-ASCII path as UTF-8 (an ASCII document is written as latin1)', async () => {
    const named = join(work, 'h\u00e9llo-\u2713-\u{1f600}');
    await copyFile(arm64, named);
    const r = await cli(['inspect', '--json', named, arm64]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(parseJson(r.stdout).files.map((f) => f.path), [named, arm64]);
  });

  test('human output names each failing file on stderr and still reports the rest', async () => {
    const r = await cli(['inspect', notBinary, arm64, truncated]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout.trimEnd().split('\n').length, 1, r.stdout);
    assert.ok(r.stdout.startsWith(`${arm64}: ELF`), r.stdout);
    const errors = r.stderr.trimEnd().split('\n');
    assert.equal(errors.length, 2, r.stderr);
    assert.ok(errors[0]?.startsWith(`${notBinary}: error: `), r.stderr);
    assert.ok(errors[1]?.startsWith(`${truncated}: error: `) && /byte 0x[0-9a-f]+/.test(errors[1] ?? ''), r.stderr);
  });

  test('-r expands directories: sorted, regular files only, symlink loops skipped, non-executables skipped', async () => {
    const tree = join(work, 'tree');
    await mkdir(join(tree, 'b/deeper'), { recursive: true });
    await copyFile(arm64, join(tree, 'b/deeper/app'));
    await copyFile(windows, join(tree, 'a.exe'));
    await writeFile(join(tree, 'c.txt'), 'text\n');
    await symlink('..', join(tree, 'b/loop'));
    await symlink(join(tree, 'nowhere'), join(tree, 'broken'));
    const r = await cli(['inspect', '-r', '--json', tree]);
    // Before: exit 1 with c.txt reported as a failure; a text file is not an executable to inspect.
    assert.equal(r.code, 0, r.stdout);
    const doc = parseJson(r.stdout) as ReturnType<typeof parseJson> & { skipped: Array<{ path: string; reason: string }> };
    assert.deepEqual(doc.files.map((f) => [f.path, f.ok]), [
      [join(tree, 'a.exe'), true],
      [join(tree, 'b/deeper/app'), true],
    ]);
    assert.deepEqual(doc.skipped.map((s) => s.path), [join(tree, 'c.txt')]);
  });

  test("-r over gocross's own dist/ skips manifest.json, SHA256SUMS and SBOMs and exits 0; a named one still fails", async () => {
    const dist = join(work, 'dist');
    await mkdir(join(dist, 'app_linux_arm64'), { recursive: true });
    await copyFile(arm64, join(dist, 'app_linux_arm64/app'));
    await writeFile(join(dist, 'app_linux_arm64/app.cdx.json'), '{"bomFormat":"CycloneDX"}\n');
    await writeFile(join(dist, 'manifest.json'), '{"schemaVersion":1}\n');
    await writeFile(join(dist, 'SHA256SUMS'), `${'0'.repeat(64)}  app_linux_arm64/app\n`);
    const text = await cli(['inspect', '-r', dist]);
    assert.equal(text.code, 0, text.stderr);
    assert.ok(text.stdout.startsWith(`${join(dist, 'app_linux_arm64/app')}: ELF`), text.stdout);
    assert.equal(text.stderr, 'skipped 3 non-executable files (--verbose names them)\n');
    const verbose = await cli(['inspect', '-r', '--verbose', dist]);
    assert.equal(verbose.code, 0, verbose.stderr);
    assert.deepEqual(verbose.stderr.trimEnd().split('\n').map((l) => l.split(': skipped: ')[0]), ['SHA256SUMS', 'app_linux_arm64/app.cdx.json', 'manifest.json'].map((f) => join(dist, f)));
    const json = await cli(['inspect', '-r', '--json', dist]);
    assert.equal(json.code, 0);
    assert.equal((JSON.parse(json.stdout) as { skipped: unknown[] }).skipped.length, 3);
    // Named explicitly, a non-executable is still a failure; so is a broken executable found by -r.
    assert.equal((await cli(['inspect', join(dist, 'manifest.json')])).code, 1);
    await copyFile(truncated, join(dist, 'truncated'));
    const broken = await cli(['inspect', '-r', dist]);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /truncated: error: .*byte 0x/);
  });

  test('usage errors exit 2', async () => {
    assert.equal((await cli(['inspect'])).code, 2);
    assert.equal((await cli(['inspect', '--no-such-flag', arm64])).code, 2);
  });

  test('--json of a cgo linux/arm64 binary needs glibc 2.34 for __libc_start_main', { skip: lacks('aarch64-linux-gnu-gcc') }, async () => {
    const cgo = await build(CGO_ARM64);
    const r = await cli(['inspect', '--json', cgo]);
    assert.equal(r.code, 0, r.stderr);
    const [info] = parseJson(r.stdout).files;
    assert.equal(info?.requiredGlibc, '2.34');
    assert.equal(info?.linkage, 'dynamic');
    assert.equal(info?.interpreter, '/lib/ld-linux-aarch64.so.1');
    assert.ok((info?.needed as string[]).includes('libc.so.6'));
    const libc = (info?.versionNeeds as Array<{ file: string; versions: string[]; symbols: Record<string, string[]> }>).find((v) => v.file === 'libc.so.6');
    assert.ok(libc?.versions.includes('GLIBC_2.34'), JSON.stringify(info?.versionNeeds));
    assert.ok(libc?.symbols['GLIBC_2.34']?.includes('__libc_start_main'), JSON.stringify(libc?.symbols));
  });
});

describe('gocross inspect progress', { skip: skip || lacks('script') }, () => {
  /** Runs inspect under a pseudo-terminal (util-linux script(1)), stdout to a file; returns what the terminal saw. */
  async function onTerminal(args: string, env: Record<string, string>): Promise<{ terminal: string; stdout: string }> {
    const out = join(work, 'pty-stdout.txt');
    const command = `${process.execPath} ${join(REPO, 'src/cli/bin.ts')} inspect ${args} > ${out}`;
    const r = await run('script', ['-qefc', command, '/dev/null'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm', ...env }, reject: false, timeoutMs: 300_000 });
    assert.equal(r.exitCode, 0, r.stderr + r.stdout);
    return { terminal: r.stdout, stdout: await readFile(out, 'utf8') };
  }

  test('draws "inspecting N/M path" on a terminal and erases it at the end; nothing in CI, with TERM=dumb or --json', async () => {
    const dir = join(work, 'many');
    await mkdir(dir, { recursive: true });
    // Hard links: thousands of inputs, enough work to outlast the progress line's start delay, no disk cost.
    const { link } = await import('node:fs/promises');
    await Promise.all(Array.from({ length: 2000 }, (_, i) => link(arm64, join(dir, `app-${String(i).padStart(4, '0')}`))));
    const live = await onTerminal(`-r ${dir}`, {});
    assert.equal(live.stdout.split('\n').filter(Boolean).length, 2000);
    assert.match(live.terminal, /\rinspecting \d+\/2000 .*app-\d{4}\u001b\[K/);
    assert.ok(live.terminal.endsWith('\r\u001b[K'), `the line is erased at the end: ${JSON.stringify(live.terminal.slice(-80))}`);
    for (const [what, args, env] of [['CI=true', `-r ${dir}`, { CI: 'true' }], ['TERM=dumb', `-r ${dir}`, { TERM: 'dumb' }], ['--json', `-r --json ${dir}`, {}]] as const) {
      const quiet = await onTerminal(args, env);
      assert.equal(quiet.terminal, '', `${what}: nothing on the terminal`);
    }
  });
});
