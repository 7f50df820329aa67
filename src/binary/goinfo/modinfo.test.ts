import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModInfo } from './modinfo.ts';
import { quotedPrefix, unquote } from './strconv.ts';

test('parseModInfo() reads path, main module, deps with replacements and sums', () => {
  const text = [
    'path\texample.com/hello',
    'mod\texample.com/hello\t(devel)\t',
    'dep\texample.com/greet\tv1.2.3\t',
    '=>\t./greet\t\t',
    'dep\tgolang.org/x/sys\tv0.1.0\th1:abc=',
    'dep\tgithub.com/a/b\tv1.0.0\th1:old=',
    '=>\tgithub.com/c/d\tv1.1.0\th1:new=',
    'build\t-compiler=gc',
    'build\tCGO_ENABLED=0',
    '',
  ].join('\n');
  const info = parseModInfo(text);
  assert.equal(info.path, 'example.com/hello');
  assert.deepEqual(info.main, { path: 'example.com/hello', version: '(devel)', sum: null, replace: null });
  assert.deepEqual(info.deps, [
    { path: 'example.com/greet', version: 'v1.2.3', sum: null, replace: { path: './greet', version: '', sum: null, replace: null } },
    { path: 'golang.org/x/sys', version: 'v0.1.0', sum: 'h1:abc=', replace: null },
    { path: 'github.com/a/b', version: 'v1.0.0', sum: 'h1:old=', replace: { path: 'github.com/c/d', version: 'v1.1.0', sum: 'h1:new=', replace: null } },
  ]);
  assert.deepEqual(info.settings, { '-compiler': 'gc', CGO_ENABLED: '0' });
});

test('parseModInfo() unquotes quoted keys and values of build settings', () => {
  const info = parseModInfo(
    [
      'build\t-ldflags="-s -w -X \\"main.v=1 2\\""',
      'build\t-tags=`a b`',
      'build\t"we=ird\\tkey"=v',
      'build\tCGO_CFLAGS=',
      'build\tDEFAULT=a=b',
      'build\t-gcflags="\\u00e9\\x41\\101"',
    ].join('\n'),
  );
  assert.deepEqual(info.settings, {
    '-ldflags': '-s -w -X "main.v=1 2"',
    '-tags': 'a b',
    'we=ird\tkey': 'v',
    CGO_CFLAGS: '',
    DEFAULT: 'a=b',
    '-gcflags': 'éAA',
  });
  assert.deepEqual(Object.keys(info.settings), ['-ldflags', '-tags', 'we=ird\tkey', 'CGO_CFLAGS', 'DEFAULT', '-gcflags']);
});

test('parseModInfo() skips malformed lines and keeps the rest', () => {
  const info = parseModInfo(
    [
      'garbage',
      '=>\torphan\tv1\t',
      'dep\tonly-path',
      'dep\tok\tv1',
      'build\t=nokey',
      'build\tnoequals',
      'build\tBAD="unterminated',
      'build\t__proto__=x',
      'unknown\tline',
      'build\tGOOS=linux',
    ].join('\n'),
  );
  assert.equal(info.path, '');
  assert.equal(info.main, null);
  assert.deepEqual(info.deps, [{ path: 'ok', version: 'v1', sum: null, replace: null }]);
  assert.equal(Object.getPrototypeOf(info.settings), Object.prototype);
  assert.deepEqual(Object.keys(info.settings), ['__proto__', 'GOOS']);
  assert.equal(info.settings.GOOS, 'linux');
});

test('parseModInfo() of empty text is empty', () => {
  assert.deepEqual(parseModInfo(''), { path: '', main: null, deps: [], settings: {} });
});

test('unquote() and quotedPrefix() follow Go strconv', () => {
  const cases: [string, string | null][] = [
    ['"a\\nb"', 'a\nb'],
    ['`raw\\n`', 'raw\\n'],
    ['"\\xe2\\x82\\xac"', '€'],
    ['"\\U0001F600"', '😀'],
    ['"bad\\q"', null],
    ['"open', null],
    ['"a"b', null],
    ['"\\ud800"', null],
    ['"\\400"', null],
  ];
  for (const [input, want] of cases) assert.equal(unquote(input), want, input);
  assert.equal(quotedPrefix('"k\\"e"=v'), '"k\\"e"');
  assert.equal(quotedPrefix('`k`=v'), '`k`');
  assert.equal(quotedPrefix('k=v'), null);
});
