/**
 * `gocross build --profile release` on linux/amd64: -buildmode=pie must not turn the static
 * CGO_ENABLED=0 binary into one that needs the glibc loader. Checked with gocross inspect,
 * readelf -l (no PT_INTERP) and file, per build.pie policy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../src/process/run.ts';
import { CACHE, REPO, lacks } from './support/go.ts';

const BIN = join(REPO, 'src/cli/bin.ts');

function gocross(args: string[], cwd: string) {
  const { PATH, HOME } = process.env;
  const env = { PATH, HOME, GOCACHE: join(CACHE, 'go-build'), GOPROXY: 'off', NO_COLOR: '1' };
  return run(process.execPath, [BIN, ...args], { cwd, env, reject: false, timeoutMs: 5 * 60_000 });
}

async function example(config: string | null): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'gocross-pie-')), 'hello');
  await cp(join(REPO, 'examples/hello'), dir, { recursive: true });
  if (config) await writeFile(join(dir, 'gocross.config.json'), config);
  return dir;
}

// [build.pie, what `file` says, whether the ELF type is DYN (PIE)]
const cases: Array<[string | null, RegExp, boolean]> = [
  [null, /static-pie linked/, true],
  ['off', /statically linked/, false],
];

for (const [policy, fileSays, pie] of cases) {
  test(`gocross build --profile release, build.pie ${policy ?? '(default auto)'}: linux/amd64 stays static`, { skip: lacks('go', 'gcc', 'readelf', 'file') }, async () => {
    const dir = await example(policy ? JSON.stringify({ build: { pie: policy } }) : null);
    const r = await gocross(['build', '-t', 'linux/amd64', '--profile', 'release', '--json'], dir);
    assert.equal(r.exitCode, 0, r.stderr + r.stdout);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; message?: string });
    // Said before the build starts, as a warning.
    const warning = events.findIndex((e) => e.type === 'warning' && /-buildmode=pie would make the static linux\/amd64 binary dynamically linked/.test(e.message ?? ''));
    assert.ok(warning >= 0 && warning < events.findIndex((e) => e.type === 'target-start'), r.stdout);
    const binary = join(dir, 'dist/hello_linux_amd64/hello');

    assert.match((await run('file', ['-b', binary])).stdout, fileSays);
    const segments = (await run('readelf', ['-lW', binary])).stdout;
    assert.doesNotMatch(segments, /INTERP/);
    assert.match((await run('readelf', ['-hW', binary])).stdout, pie ? /Type:\s+DYN/ : /Type:\s+EXEC/);
    const inspected = JSON.parse((await gocross(['inspect', '--json', binary], dir)).stdout) as { files: Array<{ linkage: string; interpreter: string | null; pie: boolean }> };
    const facts = inspected.files[0]!;
    assert.equal(facts.interpreter, null);
    assert.equal(facts.linkage, pie ? 'static-pie' : 'static');
    assert.equal(facts.pie, pie);
    // compat agrees: it runs where there is no glibc loader.
    const compat = await gocross(['compat', '--on', 'alpine3.19', binary], dir);
    assert.equal(compat.exitCode, 0, compat.stdout + compat.stderr);
  });
}
