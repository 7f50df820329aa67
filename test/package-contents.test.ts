/**
 * What `npm pack` would publish: the build config and package.json#files together decide it, so
 * the test builds into a scratch copy of the package (a stale dist/ cannot hide or fake a file)
 * and asks npm for the file list.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'gocross-pack-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function packedFiles(): string[] {
  for (const file of ['package.json', 'README.md']) copyFileSync(join(ROOT, file), join(scratch, file));
  cpSync(join(ROOT, 'schema'), join(scratch, 'schema'), { recursive: true });
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(scratch, 'dist')], { stdio: 'pipe' });
  // The shipped CLI: the bundles `npm run build` adds beside tsc's output.
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'bundle-cli.ts'), join(scratch, 'dist')], { stdio: 'pipe' });
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: scratch, encoding: 'utf8' });
  const [pack] = JSON.parse(out) as { files: { path: string }[] }[];
  return pack!.files.map((f) => f.path);
}

test('npm pack ships the library and the bundled CLI but no test files or test helpers', () => {
  const files = packedFiles();
  assert.ok(files.includes('dist/index.js'), `dist/index.js missing from: ${files.join(', ')}`);
  // package.json#bin is in the package: the launcher and the bundles it loads.
  const bin = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;
  for (const target of Object.values(bin)) assert.ok(files.includes(target.replace(/^\.\//, '')), `package.json#bin → ${target} is not in the package`);
  assert.ok(files.includes('dist/cli/gocross-inspect.cjs') && files.includes('dist/cli/gocross.cjs'));
  // Every subpath package.json#exports promises is in the package.
  const exports = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).exports as Record<string, { default?: string } | string>;
  for (const [subpath, target] of Object.entries(exports)) {
    const file = (typeof target === 'string' ? target : target.default ?? '').replace(/^\.\//, '');
    assert.ok(files.includes(file), `exports["${subpath}"] → ${file} is not in the package`);
  }
  const testOnly = files.filter((f) => /(^|\/)testing(\/|\.)|\.test\.|(^|\/)test\//.test(f));
  assert.deepEqual(testOnly, []);
});
