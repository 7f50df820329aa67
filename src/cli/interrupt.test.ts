/** The interrupt module is process-wide state: this file drives it through one life, in order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exitCodeOf } from '../core/errors.ts';
import { INTERRUPT_EXIT_CODES, interrupt, interruptSignal, interruption } from './interrupt.ts';

test('an interrupt aborts the one signal; a watching command winds down, a second signal ends the process', () => {
  assert.equal(interruption(), undefined);
  const signal = interruptSignal();
  assert.equal(signal.aborted, false);
  const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
  assert.equal(interrupt('output', epipe), undefined, 'the command watches the signal: no exit now');
  assert.equal(signal.aborted, true);
  const lost = interruption();
  assert.equal(lost?.kind, 'interrupted');
  assert.equal(exitCodeOf(lost), 141);
  assert.equal(lost?.reported, true, 'a closed pipe ends quietly');
  assert.equal(interrupt('output', epipe), undefined, 'more failed writes change nothing');
  assert.equal(interrupt('SIGINT'), 130, 'a signal after the first ends the process at once');
  assert.equal(exitCodeOf(interruption()), 141, 'the first reason decides the exit code');
});

test('the exit codes are 128 + the signal number, a lost output counting as SIGPIPE', () => {
  assert.deepEqual(INTERRUPT_EXIT_CODES, { SIGINT: 128 + 2, SIGTERM: 128 + 15, output: 128 + 13 });
});
