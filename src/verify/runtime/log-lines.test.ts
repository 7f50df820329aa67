import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldsOf, isRfc3339, logLines, parseJsonLine, parseLogfmtLine } from './log-lines.ts';
import { formatTraceParent, newTraceParent, parseTraceParent } from './traceparent.ts';

const logfmt: Array<[string, Record<string, unknown> | RegExp]> = [
  ['time=2024-05-01T10:00:00Z level=info msg="hello \\"world\\"" service=api', { time: '2024-05-01T10:00:00Z', level: 'info', msg: 'hello "world"', service: 'api' }],
  ['a=1 flag b=', { a: '1', flag: true, b: '' }],
  ['msg="unterminated', /unterminated quote in msg/],
  ['', /no key=value pairs/],
  ['"quoted"', /unexpected/],
];
for (const [line, expected] of logfmt) {
  test(`parseLogfmtLine(${JSON.stringify(line)})`, () => {
    const r = parseLogfmtLine(line);
    if (expected instanceof RegExp) assert.ok(!r.ok && expected.test(r.error), JSON.stringify(r));
    else assert.deepEqual(r, { ok: true, record: expected });
  });
}

test('parseJsonLine() accepts objects only', () => {
  assert.deepEqual(parseJsonLine('{"a":1}'), { ok: true, record: { a: 1 } });
  assert.deepEqual(parseJsonLine('[1]'), { ok: false, error: 'not a JSON object' });
  assert.deepEqual(parseJsonLine('level=info'), { ok: false, error: 'not JSON' });
});

const times: Array<[unknown, boolean]> = [
  ['2024-05-01T10:00:00Z', true],
  ['2024-05-01T10:00:00.123456789+02:00', true],
  ['2024-05-01 10:00:00Z', false],
  ['2024-13-01T10:00:00Z', false],
  ['2024-05-01T10:00:00', false],
  [1714557600, false],
];
for (const [value, ok] of times) test(`isRfc3339(${JSON.stringify(value)}) is ${ok}`, () => assert.equal(isRfc3339(value), ok));

test('logLines() numbers non-empty lines within each stream', () => {
  assert.deepEqual(logLines({ stdout: 'a\n\nb\n', stderr: 'c' }, 'both').map((l) => `${l.stream}:${l.number}:${l.text}`), ['stdout:1:a', 'stdout:3:b', 'stderr:1:c']);
  assert.deepEqual(logLines({ stdout: 'a', stderr: 'c' }, 'stderr').map((l) => l.text), ['c']);
});

test('fieldsOf() flattens nested objects with dotted paths', () => {
  assert.deepEqual(fieldsOf({ a: 1, user: { user_id: 'x' } }).map((f) => f.path), ['a', 'user', 'user.user_id']);
});

test('traceparent: the W3C example parses; all-zero ids and version ff are invalid; new ids round-trip', () => {
  assert.deepEqual(parseTraceParent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'), { version: '00', traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentId: '00f067aa0ba902b7', flags: '01' });
  assert.equal(parseTraceParent('00-00000000000000000000000000000000-00f067aa0ba902b7-01'), null);
  assert.equal(parseTraceParent('00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'), null);
  assert.equal(parseTraceParent('ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'), null);
  assert.equal(parseTraceParent('00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01'), null);
  const t = newTraceParent();
  assert.deepEqual(parseTraceParent(formatTraceParent(t)), t);
});
