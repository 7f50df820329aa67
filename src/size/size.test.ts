import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, goBinary, lacks } from '../../test/support/go.ts';
import { run } from '../process/run.ts';
import { stripFile } from '../strip/strip-file.ts';
import { CATEGORIES } from './categories.ts';
import { compareSizes } from './compare.ts';
import { moduleIndex, ownerOf, symbolPackage } from './packages.ts';
import { sizeFile } from './size-file.ts';
import { withBigSymtab } from '../../test/support/big-symtab.ts';

const work = await mkdtemp(join(tmpdir(), 'gocross-size-test-'));
test.after(() => rm(work, { recursive: true, force: true }));

const TABLE_BYTES = 65536 * 8;

function total(categories: Record<string, number>): number {
  return CATEGORIES.reduce((sum, c) => sum + categories[c]!, 0);
}

test('sizeFile() category totals add up to the file size, with padding reported, for several layouts', { skip: lacks('go') }, async () => {
  const files = [
    await goBinary({ goos: 'linux', goarch: 'arm64' }),
    await goBinary({ goos: 'linux', goarch: 'mips', env: { GOMIPS: 'softfloat' } }),
    await goBinary({ goos: 'linux', goarch: 'amd64', flags: ['-buildmode=pie'], name: 'hello-pie' }),
  ];
  const stripped = join(work, 'stripped');
  await stripFile(files[0]!, { output: stripped });
  files.push(stripped);
  for (const f of files) {
    const r = await sizeFile(f);
    assert.equal(total(r.categories), r.fileSize, f);
    assert.ok(r.categories.headers > 0, 'headers counted');
    assert.ok(r.categories.code > 0 && r.categories['go-metadata'] > 0, 'code and Go metadata found');
    assert.ok(r.categories.padding > 0, 'Go aligns segments to pages, so there is padding to report');
    const sectionBytes = r.sections.reduce((s, x) => s + x.fileBytes, 0);
    assert.ok(sectionBytes <= r.fileSize);
  }
  const r = await sizeFile(stripped);
  assert.equal(r.packages, null, 'no symbol table, no package table');
  assert.equal(r.categories.dwarf + r.categories.symtab, 0);
});

test('sizeFile() attributes a large dependency reached via a local replace to that module', { skip: lacks('go') }, async () => {
  const file = await goBinary({ goos: 'linux', goarch: 'amd64', dir: join(FIXTURES, 'bigdep'), name: 'sizeapp' });
  const r = await sizeFile(file);
  assert.equal(total(r.categories), r.fileSize);
  const dep = r.packages?.find((p) => p.kind === 'dep');
  assert.ok(dep, 'a dependency row');
  assert.equal(dep.name, 'example.com/bigtable@v0.1.0');
  assert.ok(dep.bytes >= TABLE_BYTES && dep.bytes < TABLE_BYTES + 4096, `bigtable owns its table (${dep.bytes} bytes)`);
  const nonStd = r.packages!.filter((p) => p.kind !== 'std' && p.kind !== 'go-metadata');
  assert.equal(nonStd[0]?.name, 'example.com/bigtable@v0.1.0', 'the largest non-std owner');
  assert.ok(r.packages!.some((p) => p.kind === 'main' && p.name === 'example.com/sizeapp'));

  // --compare against the hello program: the dependency appears as the largest package change.
  const hello = await sizeFile(await goBinary({ goos: 'linux', goarch: 'amd64' }));
  const c = compareSizes(hello, r);
  assert.equal(c.fileSize.delta, r.fileSize - hello.fileSize);
  assert.equal(c.packages?.[0]?.name, 'example.com/bigtable@v0.1.0');
  for (let i = 1; i < c.categories.length; i++) assert.ok(Math.abs(c.categories[i - 1]!.delta) >= Math.abs(c.categories[i]!.delta), 'sorted by impact');
});

test('gocross size CLI prints categories and --json with schemaVersion', { skip: lacks('go') }, async () => {
  const file = await goBinary({ goos: 'linux', goarch: 'amd64', dir: join(FIXTURES, 'bigdep'), name: 'sizeapp' });
  const text = await run(process.execPath, ['src/cli/bin.ts', 'size', file], { env: { ...process.env, NO_COLOR: '1' } });
  assert.match(text.stdout, /By category/);
  assert.match(text.stdout, /example\.com\/bigtable@v0\.1\.0/);
  const json = JSON.parse((await run(process.execPath, ['src/cli/bin.ts', 'size', file, '--json'])).stdout) as { schemaVersion: number; fileSize: number; categories: Record<string, number> };
  assert.equal(json.schemaVersion, 1);
  assert.equal(total(json.categories), json.fileSize);
  const bad = await run(process.execPath, ['src/cli/bin.ts', 'size', join(FIXTURES, 'bigdep/go.mod')], { reject: false });
  assert.equal(bad.exitCode, 1);
  assert.match(bad.stderr, /Cannot size .*not an ELF file/);
});

test('symbolPackage() and ownerOf() map Go symbol names to packages and modules', () => {
  const info = {
    version: 'go1.23.5',
    path: 'example.com/app',
    main: { path: 'example.com/app', version: '(devel)', sum: null, replace: null },
    deps: [
      { path: 'gopkg.in/yaml.v3', version: 'v3.0.1', sum: null, replace: null },
      { path: 'github.com/a/b', version: 'v1.0.0', sum: null, replace: null },
      { path: 'github.com/a/b/v2', version: 'v2.1.0', sum: null, replace: null },
    ],
    settings: { CGO_ENABLED: '1' },
  };
  const index = moduleIndex(info);
  const cases: [string, string | null, string][] = [
    ['fmt.Println', 'fmt', 'std'],
    ['internal/abi.(*Type).Kind', 'internal/abi', 'std'],
    ['main.main', 'main', 'example.com/app'],
    ['example.com/app/internal/x.F', 'example.com/app/internal/x', 'example.com/app'],
    ['gopkg.in/yaml%2ev3.Marshal', 'gopkg.in/yaml.v3', 'gopkg.in/yaml.v3@v3.0.1'],
    ['github.com/a/b/v2/sub.(*T).M', 'github.com/a/b/v2/sub', 'github.com/a/b/v2@v2.1.0'],
    ['github.com/a/b.F[go.shape.int]', 'github.com/a/b', 'github.com/a/b@v1.0.0'],
    ['slices.Sort[go.shape.[]github.com/a/b.T]', 'slices', 'std'],
    ['type:.eq.github.com/a/b.T', 'type:', '(Go metadata: type:, go:)'],
    ['x_cgo_init', null, 'cgo/C'],
    ['completed.0', 'completed', 'cgo/C'],
    ['github.com/unknown/mod.F', 'github.com/unknown/mod', 'github.com/unknown/mod'],
  ];
  for (const [symbol, pkg, owner] of cases) {
    if (!symbol.startsWith('type:')) assert.equal(symbolPackage(symbol), pkg, symbol);
    assert.equal(ownerOf(symbol, index).name, owner, symbol);
  }
  // Without cgo, dotless names are the runtime's assembly (std).
  assert.equal(ownerOf('gogo', moduleIndex({ ...info, settings: { CGO_ENABLED: '0' } })).name, 'std');
});

test('sizeFile() reports symbol table progress in increasing bytes that end at the total, for a ~50 MB table', { skip: lacks('go') }, async () => {
  const big = join(work, 'big-symtab');
  await withBigSymtab(await goBinary({ goos: 'linux', goarch: 'arm64' }), big, 50 * 1024 * 1024);
  const calls: Array<[number, number]> = [];
  const report = await sizeFile(big, (done, totalBytes) => calls.push([done, totalBytes]));
  assert.ok(calls.length > 5, `progress in several steps: ${calls.length}`);
  for (let i = 1; i < calls.length; i++) assert.ok(calls[i]![0] > calls[i - 1]![0], `increasing: ${JSON.stringify(calls.slice(i - 1, i + 1))}`);
  const final = calls.at(-1)!;
  assert.equal(final[0], final[1], 'the last call is done === total');
  assert.ok(calls.every(([, t]) => t === final[1]) && final[1] > 50 * 1024 * 1024);
  assert.equal(total(report.categories), report.fileSize);
  assert.deepEqual(report, await sizeFile(big), 'the same report without a callback');
});
