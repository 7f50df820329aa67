import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseRollbackTarget, parseReleaseState, releaseInfos } from './release-state.ts';
import { formatLogLine, parseDeployLog, previousOf } from './deploy-log.ts';

const line = (action: 'deploy' | 'rollback' | 'revert' | 'commit', from: string | null, to: string | null, at: string) => formatLogLine({ at, by: 'ci@box', action, from, to });
const log = [
  line('deploy', null, 'v1-aaaaaaaaaaaa', '2026-01-01T00:00:00Z'),
  line('commit', null, 'v1-aaaaaaaaaaaa', '2026-01-01T00:00:05Z'),
  line('deploy', 'v1-aaaaaaaaaaaa', 'v2-bbbbbbbbbbbb', '2026-01-02T00:00:00Z'),
  'not json',
  '{"at":"x","action":"explode"}',
  line('commit', 'v1-aaaaaaaaaaaa', 'v2-bbbbbbbbbbbb', '2026-01-02T00:00:05Z'),
].join('\n');
const text = `releases/v2-bbbbbbbbbbbb\n--gocross--\nv2-bbbbbbbbbbbb\nv2-bbbbbbbbbbbb.tmp\nnotes.txt\nv1-aaaaaaaaaaaa\n\x1b[2Jv3-dddddddddddd\nv0-cccccccccccc\n--gocross--\ncurl\n--gocross--\n${log}\n`;
const safe = (v: string) => v.replace(/[^A-Za-z0-9._+-]/g, '_');

test('parseDeployLog() skips lines that are not entries', () => {
  assert.equal(parseDeployLog(log).length, 4);
  assert.equal(previousOf(parseDeployLog(log), 'v2-bbbbbbbbbbbb'), 'v1-aaaaaaaaaaaa');
});

test('parseReleaseState() and releaseInfos(): current, releases newest first without uploads or foreign names, who switched when', () => {
  const state = parseReleaseState(text);
  assert.equal(state.current, 'v2-bbbbbbbbbbbb');
  assert.deepEqual(state.releases, ['v2-bbbbbbbbbbbb', 'v1-aaaaaaaaaaaa', 'v0-cccccccccccc']);
  assert.deepEqual(state.tools, ['curl']);
  assert.deepEqual(releaseInfos(state), [
    { id: 'v2-bbbbbbbbbbbb', current: true, switchedAt: '2026-01-02T00:00:00Z', switchedBy: 'ci@box' },
    { id: 'v1-aaaaaaaaaaaa', current: false, switchedAt: '2026-01-01T00:00:00Z', switchedBy: 'ci@box' },
    { id: 'v0-cccccccccccc', current: false, switchedAt: null, switchedBy: null },
  ]);
});

test('chooseRollbackTarget(): the previous by the log, an id, a version, or a refusal listing what is there', () => {
  const state = parseReleaseState(text);
  assert.deepEqual(chooseRollbackTarget(state, null, safe), { ok: true, id: 'v1-aaaaaaaaaaaa' });
  assert.deepEqual(chooseRollbackTarget(state, 'v0-cccccccccccc', safe), { ok: true, id: 'v0-cccccccccccc' });
  assert.deepEqual(chooseRollbackTarget(state, 'v0', safe), { ok: true, id: 'v0-cccccccccccc' });
  const missing = chooseRollbackTarget(state, 'v9', safe);
  assert.equal(missing.ok, false);
  assert.match(missing.ok ? '' : missing.reason, /release v9 is not on the device \(present: v2-bbbbbbbbbbbb, v1-aaaaaaaaaaaa, v0-cccccccccccc\)/);
  // Without a log, the newest other release.
  assert.deepEqual(chooseRollbackTarget({ ...state, log: [] }, null, safe), { ok: true, id: 'v1-aaaaaaaaaaaa' });
});
