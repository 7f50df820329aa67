import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { commandLine, shellQuote } from './quote.ts';
import { isGocrossError } from '../../core/errors.ts';

const NASTY = [
  '',
  ' ',
  'plain',
  "it's",
  "''",
  "'",
  '"double" quotes',
  '$(touch /tmp/gocross-pwned)',
  '`id`',
  '${HOME}',
  '$HOME',
  'a\nb\n',
  '\n',
  '*',
  '/etc/*',
  '?',
  '[a-z]',
  '~',
  '~root',
  '-n',
  '--',
  '-e',
  'a;b',
  'a|b',
  'a&&b',
  '> /tmp/x',
  '<',
  '\\',
  '\\n',
  '#comment',
  'A=b',
  'tab\there',
  'ünïcödé ✓ 日本',
  '\x1b[31mred\x1b[0m',
  '!',
  '{a,b}',
  '%s',
];

/** What the shell hands printf: each argument followed by NUL, so any byte difference shows. */
function throughShell(shell: string[], args: readonly string[]): Buffer {
  const line = commandLine(['printf', '%s\\0', ...args]);
  return execFileSync(shell[0]!, [...shell.slice(1), '-c', line], { env: { PATH: '/usr/bin:/bin', HOME: '/root' } });
}

const expected = Buffer.from(NASTY.map((a) => `${a}\0`).join(''), 'utf8');

test('commandLine() delivers every nasty argument byte-identical through dash', () => {
  assert.deepEqual(throughShell(['dash'], NASTY), expected);
});

test('commandLine() delivers every nasty argument byte-identical through BusyBox ash', (t) => {
  if (!existsSync('/usr/bin/busybox') && !existsSync('/bin/busybox')) {
    t.skip('busybox is not installed (apt-get install -y busybox-static)');
    return;
  }
  assert.deepEqual(throughShell(['busybox', 'sh'], NASTY), expected);
});

test('commandLine() makes a first word with = a command, not an assignment', () => {
  // `A=b` unquoted would set a variable and run nothing; quoted, the shell looks for a command.
  assert.equal(commandLine(['A=b', 'x']), "'A=b' x");
});

test('shellQuote() leaves plain words readable and quotes the rest', () => {
  const table: Array<[string, string]> = [
    ['/opt/hello/releases/v1.2.3-abcdef012345', '/opt/hello/releases/v1.2.3-abcdef012345'],
    ['user@host:22', 'user@host:22'],
    ['', "''"],
    ["it's", `'it'\\''s'`],
    ['a b', "'a b'"],
    ['~', "'~'"],
    ['*', "'*'"],
  ];
  for (const [arg, quoted] of table) assert.equal(shellQuote(arg), quoted, JSON.stringify(arg));
});

test('shellQuote() refuses a NUL byte, which no argument can carry', () => {
  assert.throws(() => shellQuote('a\0b'), (e) => isGocrossError(e, 'input') && /NUL byte/.test(e.message));
});
