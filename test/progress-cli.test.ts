/**
 * Progress on long work of one huge file, end to end: `gocross size` (reading the symbol table) and
 * `gocross sbom` (hashing) under a pseudo-terminal (util-linux script(1)) draw a status line on
 * stderr and erase it; in CI, with TERM=dumb or with --json the terminal gets nothing extra.
 * The huge files are real Go binaries with a grown, mostly sparse symbol table.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { run } from '../src/process/run.ts';
import { withBigSymtab } from './support/big-symtab.ts';
import { REPO, goBinary, lacks } from './support/go.ts';

const MiB = 1024 * 1024;
let work = '';
let bigSymtab = '';
let bigFile = '';

before(async () => {
  if (lacks('go', 'script')) return;
  work = await mkdtemp(join(tmpdir(), 'gocross-progress-cli-'));
  const hello = await goBinary({ goos: 'linux', goarch: 'arm64' });
  bigSymtab = join(work, 'app-symbols');
  await withBigSymtab(hello, bigSymtab, 50 * MiB);
  // Hashing runs at disk or memory speed: it needs far more bytes than parsing to outlast the line's start delay.
  bigFile = join(work, 'app-huge');
  await withBigSymtab(hello, bigFile, 800 * MiB);
});
after(() => (work ? rm(work, { recursive: true, force: true }) : undefined));

/** Runs the CLI on a pseudo-terminal, stdout to a file; returns what the terminal saw and the exit code. */
async function onTerminal(args: string, env: Record<string, string> = {}): Promise<{ terminal: string; stdout: string }> {
  const out = join(work, 'pty-stdout.txt');
  const command = `${process.execPath} ${join(REPO, 'src/cli/bin.ts')} ${args} > ${out}`;
  const r = await run('script', ['-qefc', command, '/dev/null'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm', ...env }, reject: false, timeoutMs: 300_000 });
  assert.equal(r.exitCode, 0, r.stderr + r.stdout);
  return { terminal: r.stdout, stdout: await readFile(out, 'utf8') };
}

describe('progress of long work on one huge file', { skip: lacks('go', 'script') }, () => {
  test('size draws "reading symbols of FILE N/M MiB" and erases it; nothing with CI=true, TERM=dumb or --json', async () => {
    const live = await onTerminal(`size ${bigSymtab}`);
    assert.match(live.terminal, /\rreading symbols of app-symbols \d+\/5\d MiB\u001b\[K/);
    assert.ok(live.terminal.endsWith('\r\u001b[K'), `the line is erased at the end: ${JSON.stringify(live.terminal.slice(-80))}`);
    assert.match(live.stdout, /headers/, 'the report itself is on stdout');
    for (const [what, args, env] of [['CI=true', `size ${bigSymtab}`, { CI: 'true' }], ['TERM=dumb', `size ${bigSymtab}`, { TERM: 'dumb' }], ['--json', `size --json ${bigSymtab}`, {}]] as const) {
      const quiet = await onTerminal(args, env);
      assert.equal(quiet.terminal, '', `${what}: nothing on the terminal`);
      assert.ok(quiet.stdout.length > 0, `${what}: the report is still written`);
    }
  });

  test('sbom draws "hashing FILE N/M MiB" and erases it before the document; nothing with CI=true', async () => {
    const live = await onTerminal(`sbom --timestamp 2024-01-02T03:04:05Z ${bigFile}`);
    assert.match(live.terminal, /\rhashing app-huge \d+\/80\d MiB\u001b\[K/);
    assert.ok(live.terminal.endsWith('\r\u001b[K'), `the line is erased at the end: ${JSON.stringify(live.terminal.slice(-80))}`);
    assert.equal((JSON.parse(live.stdout) as { bomFormat: string }).bomFormat, 'CycloneDX');
    const quiet = await onTerminal(`sbom --timestamp 2024-01-02T03:04:05Z ${bigFile}`, { CI: 'true' });
    assert.equal(quiet.terminal, '', 'CI=true: nothing on the terminal');
    assert.equal(quiet.stdout, live.stdout, 'the same document either way');
  });
});
