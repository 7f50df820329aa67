/**
 * The README's "Deploying to devices" section is user documentation that must stay true: its
 * config example is a valid deploy: section, and the exit codes it lists are the deploy report's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { normalizeDeployConfig } from '../src/deploy/config.ts';
import { REPO } from './support/go.ts';

const section = (): string => {
  const text = readFileSync(join(REPO, 'README.md'), 'utf8');
  const start = text.indexOf('## Deploying to devices');
  assert.ok(start >= 0, 'the section the missing-deploy-section fix points to exists');
  return text.slice(start, text.indexOf('\n## ', start + 1));
};

test("the README's deploy: example is a valid deploy section, with the values it documents", () => {
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section())![1]!;
  const config = normalizeDeployConfig((parse(yaml) as { deploy: unknown }).deploy, '/project', '/home/me');
  assert.deepEqual(config.hosts.map((h) => [h.name, h.port, h.user, h.identityFile, h.groups]), [
    ['gw-1', 22, 'root', '/home/me/.ssh/id_ed25519', ['canary']],
    ['pi-kitchen', 22, 'root', null, []],
  ]);
  assert.equal(config.service.target, 'auto');
  assert.equal(config.baseDir, '/opt/hello-service');
  assert.deepEqual(config.waves, [1, '10%', '100%']);
  assert.equal(config.health.checks.length, 2);
  assert.equal(config.revertAfterSeconds, 120);
});

test('the README documents every command of the deploy section and its exit codes', () => {
  const text = section();
  for (const phrase of ['gocross deploy --dry-run', 'gocross releases', 'gocross rollback', 'scripts/fleet.sh up', '--accept-new-host-keys', '--resume']) assert.ok(text.includes(phrase), phrase);
  const codes = [...text.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
  assert.deepEqual(codes, [0, 1, 2, 130]);
});
