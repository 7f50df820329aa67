import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPrintable, printable, printableDeep, printableLines } from './printable.ts';

const cases: Array<[name: string, input: string, shown: string]> = [
  ['plain text is unchanged', '/lib/ld-linux-aarch64.so.1', '/lib/ld-linux-aarch64.so.1'],
  ['UTF-8 letters are unchanged', 'modül/ünïcode', 'modül/ünïcode'],
  ['ESC of a clear-screen sequence', '\u001b[2J\u001b[H', '\\x1b[2J\\x1b[H'],
  ['a newline that would spoof a second line', 'libc.so.6\nOK: static', 'libc.so.6\\nOK: static'],
  ['carriage return that would overwrite the line', 'evil\rgood', 'evil\\rgood'],
  ['tab and backspace', 'a\tb\bc', 'a\\tb\\bc'],
  ['NUL and BEL', 'a\u0000b\u0007', 'a\\x00b\\x07'],
  ['DEL', 'x\u007f', 'x\\x7f'],
  ['C1 CSI (0x9b) is an escape on some terminals', 'x\u009b31m', 'x\\x9b31m'],
  ['a backslash is doubled so escapes stay unambiguous', 'C:\\x1b', 'C:\\\\x1b'],
  ['right-to-left override (Trojan Source)', 'abc\u202edef', 'abc\\u{202e}def'],
  ['zero-width space', 'go\u200bmod', 'go\\u{200b}mod'],
  ['line separator', 'a\u2028b', 'a\\u{2028}b'],
];

for (const [name, input, shown] of cases) {
  test(`printable(): ${name}`, () => {
    assert.equal(printable(input), shown);
    assert.equal(isPrintable(input), input === shown);
  });
}

test('printable() output never contains a control character, for every code point up to U+FFFF', () => {
  for (let code = 0; code <= 0xffff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const out = printable(`a${String.fromCodePoint(code)}b`);
    assert.doesNotMatch(out, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u, `U+${code.toString(16)}`);
  }
});

test('printableLines() keeps line breaks and tabs and escapes the rest of each line', () => {
  assert.equal(printableLines('Cannot read a\u001b[2J:\n\tfix: b\rc'), 'Cannot read a\\x1b[2J:\n\tfix: b\\rc');
});

test('printableDeep() escapes every string of a record, keys included, and keeps other values', () => {
  const record = { interpreter: '/lib/\u001b[2Jld.so', needed: ['libc.so.6\nOK'], settings: { 'k\u001b': 'v\r' }, bits: 64, pie: true, go: null };
  assert.deepEqual(printableDeep(record), { interpreter: '/lib/\\x1b[2Jld.so', needed: ['libc.so.6\\nOK'], settings: { 'k\\x1b': 'v\\r' }, bits: 64, pie: true, go: null });
});
