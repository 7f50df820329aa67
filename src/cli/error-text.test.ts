import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GocrossError } from '../core/errors.ts';
import { ProcessError, type RunResult } from '../process/run.ts';
import { errorText } from './error-text.ts';
import { ExitError } from './errors.ts';
import { ConfigError } from '../config/errors.ts';

const failed: RunResult = { command: 'go', args: ['build', '.'], exitCode: 1, signal: null, stdout: '', stderr: 'main.go:3: undefined: x\n', timedOut: false, aborted: false, durationMs: 9, pid: 1 };

const cases: Array<[name: string, error: unknown, text: string | undefined]> = [
  ['the message, then the fix on its own line', new GocrossError('environment', 'Cannot run linux/arm64 binary: no qemu-aarch64 found', { fix: "install qemu-user-static, or run 'gocross setup'" }),
    "gocross: Cannot run linux/arm64 binary: no qemu-aarch64 found\nfix: install qemu-user-static, or run 'gocross setup'"],
  ['a fix the message already ends with is not repeated', new GocrossError('environment', 'Cannot install: not root (run it with sudo)', { fix: 'run it with sudo' }), 'gocross: Cannot install: not root (run it with sudo)'],
  ["a failed command's stderr tail", new ProcessError(failed), 'gocross: Command failed with exit code 1: go build .\nmain.go:3: undefined: x'],
  ["a wrapped failed command's stderr tail", new GocrossError('failure', 'Cannot build linux/arm64', { cause: new ProcessError(failed) }), 'gocross: Cannot build linux/arm64\nmain.go:3: undefined: x'],
  ['nothing for output that is already reported', new ExitError(1), undefined],
  ['an exit with a message prints it', new ExitError(124, 'app timed out after 1 s'), 'gocross: app timed out after 1 s'],
  ['any other error by its message', new TypeError('x is not a function'), 'gocross: x is not a function'],
  ['a file name with ESC and a newline escaped: a message is one line', new GocrossError('input', 'Cannot open a\u001b[2J\nOK: b', { fix: 'rm \u001b]0;t\u0007' }),
    'gocross: Cannot open a\\x1b[2J\\nOK: b\nfix: rm \\x1b]0;t\\x07'],
  ["a failed command's stderr keeps its lines, each escaped", new ProcessError({ ...failed, stderr: 'a\u001b[31m\n\tb\rc\n' }), 'gocross: Command failed with exit code 1: go build .\na\\x1b[31m\n\tb\\rc'],
  ["a config's problems stay one per line, their untrusted parts escaped", new ConfigError('x\ny.json', [{ path: 'targets[0]', message: 'bad \u001b[2J' }, { path: 'name', message: 'n' }]),
    'gocross: Cannot use config x\\ny.json: 2 problems\n  x\\ny.json: targets[0]: bad \\x1b[2J\n  x\\ny.json: name: n'],
];
for (const [name, error, text] of cases) {
  test(`errorText() prints ${name}`, () => assert.equal(errorText(error, false), text));
}

test('errorText() adds the stack and causes under GOCROSS_DEBUG', () => {
  const text = errorText(new GocrossError('failure', 'Cannot x', { cause: new Error('inner') }), true) ?? '';
  assert.match(text, /^gocross: Cannot x\nGocrossError: Cannot x\n\s+at /);
  assert.match(text, /caused by: Error: inner/);
});
