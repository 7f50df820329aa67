/**
 * doctor compares the host with gocross.lock using the probes it already made: each tool runs
 * once. The tools are real; shims in front of them on PATH count the runs.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { hostGoarch } from '../../platform/lookup.ts';
import { formatLock } from '../../lock/lockfile.ts';
import { collectDoctorFacts } from './collect.ts';

const which = (name: string): string | null => {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
};

const scratch = mkdtempSync(join(tmpdir(), 'gocross-doctor-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('collectDoctorFacts() runs readelf once even when it also compares gocross.lock', { skip: which('readelf') ? false : 'no readelf on this host' }, async () => {
  const bin = join(scratch, 'bin');
  const log = join(scratch, 'runs.log');
  mkdirSync(bin);
  writeFileSync(log, '');
  const shim = join(bin, 'readelf');
  writeFileSync(shim, `#!/bin/sh\necho "readelf $*" >> '${log}'\nexec '${which('readelf')}' "$@"\n`);
  chmodSync(shim, 0o755);
  const project = join(scratch, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'gocross.lock'), formatLock({ go: null, binutils: '0.1', cc: {}, qemu: {} }));

  const saved = process.env.PATH;
  process.env.PATH = `${bin}:${saved}`;
  try {
    const facts = await collectDoctorFacts({ targets: [hostGoarch()], lockDir: project });
    assert.equal(facts.lockError, null);
    assert.equal(facts.lock?.status, 'differs');
    assert.ok(facts.lock.differences.some((d) => d.tool === 'binutils'), JSON.stringify(facts.lock.differences));
  } finally {
    process.env.PATH = saved;
  }
  assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), ['readelf --version']);
});
