import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueOutputNames } from './output-names.ts';

const cdx = (f: string): string => `${f.split('/').pop()}.cdx.json`;

test('uniqueOutputNames() keeps plain names when they do not collide', () => {
  assert.deepEqual(uniqueOutputNames(['dist/a', 'dist/b'], cdx), ['a.cdx.json', 'b.cdx.json']);
});

test('uniqueOutputNames() tells same-named artifacts apart by their dist folder', () => {
  assert.deepEqual(uniqueOutputNames(['dist/app_linux_amd64/app', 'dist/app_darwin_arm64/app', 'dist/other/tool'], cdx), [
    'app_linux_amd64_app.cdx.json',
    'app_darwin_arm64_app.cdx.json',
    'tool.cdx.json',
  ]);
});

test('uniqueOutputNames() goes up as many folders as it takes', () => {
  assert.deepEqual(uniqueOutputNames(['/r/x/bin/app', '/r/y/bin/app'], cdx), ['x_bin_app.cdx.json', 'y_bin_app.cdx.json']);
});

test('uniqueOutputNames() refuses the same file twice', () => {
  assert.throws(() => uniqueOutputNames(['/r/app', '/r/./app'], cdx), { kind: 'usage', message: /given twice/ });
});
