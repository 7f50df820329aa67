import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressLine, showLiveProgress } from './progress.ts';

const cases: Array<[name: string, isTTY: boolean, env: NodeJS.ProcessEnv, json: boolean, live: boolean]> = [
  ['a terminal', true, { TERM: 'xterm-256color' }, false, true],
  ['a terminal with no TERM set', true, {}, false, true],
  ['a pipe or file', false, { TERM: 'xterm' }, false, false],
  ['CI=true on a terminal', true, { TERM: 'xterm', CI: 'true' }, false, false],
  ['CI=1 on a terminal', true, { CI: '1' }, false, false],
  ['CI=false on a terminal', true, { CI: 'false' }, false, true],
  ['--json on a terminal', true, { TERM: 'xterm' }, true, false],
  ['TERM=dumb (no cursor movement)', true, { TERM: 'dumb' }, false, false],
];
for (const [name, isTTY, env, json, live] of cases) {
  test(`showLiveProgress(): ${live ? 'a live line' : 'nothing'} for ${name}`, () => assert.equal(showLiveProgress({ isTTY, env, json }), live));
}

function capture(enabled: boolean, columns = 40) {
  let text = '';
  let time = 0;
  const line = progressLine({ write: (t) => void (text += t) }, enabled, { columns, delayMs: 100, intervalMs: 50, now: () => time });
  return { line, text: () => text, at: (t: number) => void (time = t) };
}

test('progressLine() waits before drawing, throttles, escapes, fits the width and erases at the end', () => {
  const c = capture(true);
  c.line.update('inspecting 1/3 a');
  assert.equal(c.text(), '', 'nothing before the delay');
  c.at(100);
  c.line.update('inspecting 2/3 b\u001b[2J\nx');
  assert.equal(c.text(), '\rinspecting 2/3 b\\x1b[2J\\nx\u001b[K');
  c.at(120);
  c.line.update('inspecting 3/3 c');
  assert.equal(c.text().split('\r').length, 2, 'throttled');
  c.at(200);
  c.line.update(`inspecting 3/3 ${'d'.repeat(100)}`);
  const drawn = c.text().split('\r').pop()!.replace('\u001b[K', '');
  assert.equal(drawn.length, 39);
  assert.ok(drawn.endsWith('…'));
  c.line.clear();
  assert.ok(c.text().endsWith('\r\u001b[K'));
});

test('progressLine() writes nothing at all when disabled, and clear() erases only what was drawn', () => {
  const off = capture(false);
  off.at(1000);
  off.line.update('x');
  off.line.clear();
  assert.equal(off.text(), '');
  const quick = capture(true);
  quick.line.update('x');
  quick.line.clear();
  assert.equal(quick.text(), '');
});
