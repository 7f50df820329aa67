import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GocrossError } from '../core/errors.ts';
import { lacks } from '../../test/support/go.ts';
import { normalizeDeployConfig } from './config.ts';
import { quoteUnitWord, renderUnit } from './unit.ts';
import { TRICKY_ARGS, TRICKY_ENVIRONMENT } from './testing/unit-args.ts';

const configWith = (service: Record<string, unknown>, baseDir: string): ReturnType<typeof normalizeDeployConfig> =>
  normalizeDeployConfig({ hosts: [{ name: 'd', address: 'x' }], service: { name: 'gxpf-unit', ...service }, baseDir }, '/p', '/home/op');

test('renderUnit() writes the hardened service: ExecStart on current, data writable, Restart=on-failure', () => {
  const unit = renderUnit(configWith({ args: ['--addr', ':8080'], environment: { PORT: '8080' }, user: 'hello', readWritePaths: ['/var/lib/hello'] }, '/opt/hello'));
  for (const line of [
    'Description=gxpf-unit (deployed by gocross)',
    'After=network-online.target',
    'Wants=network-online.target',
    'Type=simple',
    'ExecStart="/opt/hello/current" "--addr" ":8080"',
    'WorkingDirectory=/opt/hello',
    'Environment="PORT=8080"',
    'User=hello',
    'Restart=on-failure',
    'RestartSec=1',
    'NoNewPrivileges=yes',
    'ProtectSystem=strict',
    'ReadWritePaths="/opt/hello/data" "/var/lib/hello"',
    'PrivateTmp=yes',
    'ProtectHome=read-only',
    'ProtectKernelTunables=yes',
    'ProtectControlGroups=yes',
    'RestrictSUIDSGID=yes',
    'LockPersonality=yes',
    'WantedBy=multi-user.target',
  ]) {
    assert.ok(unit.split('\n').includes(line), `missing line ${line}\n${unit}`);
  }
  assert.ok(!/^User=/m.test(renderUnit(configWith({}, '/opt/hello'))), 'no User= when none is configured: root');
});

const quoted: Array<[string, boolean, string]> = [
  ['plain', true, '"plain"'],
  ['a "b" \\c', true, '"a \\"b\\" \\\\c"'],
  ['100% $HOME', true, '"100%% $$HOME"'],
  ['100% $HOME', false, '"100%% $HOME"'],
  ['tab\there\x1b', true, '"tab\\there\\x1b"'],
  [';', true, '";"'],
  ['\\;', true, '"\\\\;"'],
  ['', true, '""'],
];
for (const [value, dollar, expected] of quoted) {
  test(`quoteUnitWord(${JSON.stringify(value)}, dollar ${dollar}) is ${expected}`, () => {
    assert.equal(quoteUnitWord(value, { dollar, what: 'x' }), expected);
  });
}

test('renderUnit() refuses a newline in an argument or an environment value, naming the key', () => {
  assert.throws(() => renderUnit(configWith({ args: ['ok', 'two\nlines'] }, '/opt/x')), (e: unknown) => e instanceof GocrossError && e.kind === 'config' && /deploy\.service\.args\[1\] contains a newline/.test(e.message));
  assert.throws(() => renderUnit(configWith({ environment: { MOTD: 'a\r\nb' } }, '/opt/x')), /deploy\.service\.environment\.MOTD contains a newline/);
});

test('systemd-analyze verify accepts the rendered unit, tricky arguments and all', { skip: lacks('systemd-analyze') }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'gxpf-unit-verify-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const base = join(dir, 'base');
  await mkdir(join(base, 'data'), { recursive: true });
  await writeFile(join(base, 'current'), '#!/bin/sh\nexit 0\n');
  await chmod(join(base, 'current'), 0o755);
  const file = join(dir, 'gxpf-unit.service');
  await writeFile(file, renderUnit(configWith({ args: [...TRICKY_ARGS], environment: { ...TRICKY_ENVIRONMENT } }, base)));
  const out = execFileSync('systemd-analyze', ['verify', '--man=no', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.equal(out.trim(), '');
  // And it does reject a unit whose ExecStart path is missing (the check can fail).
  await rm(join(base, 'current'));
  assert.throws(() => execFileSync('systemd-analyze', ['verify', '--man=no', file], { stdio: 'pipe' }));
});
