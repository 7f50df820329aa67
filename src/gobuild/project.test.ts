import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSha256Sums, parseSha256Sums } from './checksums.ts';
import { defaultName, parseGoMod } from './project.ts';

test('parseGoMod() finds the module path, requirements and local replaces', () => {
  assert.deepEqual(parseGoMod('module example.com/hello\n\ngo 1.21\n'), { modulePath: 'example.com/hello', hasRequires: false, externalReplaces: [], localReplaces: [] });
  const mod = parseGoMod('module "example.com/x/v2" // comment\nrequire (\n\texample.com/greet v1.2.3\n)\nreplace example.com/greet => ./greet\nreplace example.com/other v1.0.0 => ../other\n');
  assert.deepEqual(mod, { modulePath: 'example.com/x/v2', hasRequires: true, externalReplaces: ['../other'], localReplaces: ['./greet', '../other'] });
  assert.equal(parseGoMod('module m\nrequire example.com/a v1.0.0\n').hasRequires, true);
  assert.equal(parseGoMod('module m\n// require example.com/a v1.0.0\nrequire ()\n').hasRequires, false);
});

test('defaultName() takes the main package, else the module path without a major version', () => {
  assert.equal(defaultName('example.com/hello', '.', '/src/whatever'), 'hello');
  assert.equal(defaultName('example.com/tool/v2', '.', '/src/x'), 'tool');
  assert.equal(defaultName('example.com/tool', './cmd/toolctl', '/src/x'), 'toolctl');
  assert.equal(defaultName(null, '.', '/src/my app'), 'my-app');
});

test('formatSha256Sums() writes sorted sha256sum -c lines that parse back', () => {
  const entries = [{ path: 'b/x', sha256: 'b'.repeat(64) }, { path: 'a/y.exe', sha256: 'a'.repeat(64) }];
  const text = formatSha256Sums(entries);
  assert.equal(text, `${'a'.repeat(64)}  a/y.exe\n${'b'.repeat(64)}  b/x\n`);
  assert.deepEqual(parseSha256Sums(text), [...entries].reverse());
});
