/**
 * `gocross deploy`, `rollback` and `releases` through the real CLI (node src/cli/bin.ts), for what
 * needs no device: usage and config errors exit 2 with the fix, before anything connects; --help
 * explains waves, the budget, the health gate, the revert timer, --json and the exit codes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../src/process/run.ts';
import { gocross } from './support/gocross-cli.ts';
import { lacks, REPO } from './support/go.ts';

const CONFIG = `deploy:
  hosts:
    - { name: dev1, address: 127.0.0.1, port: 1 }
  service: { name: hello-service }
`;

async function project(config: string | null): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gocross-deploy-cli-'));
  if (config !== null) await writeFile(join(dir, 'gocross.config.yaml'), config);
  return dir;
}

async function withProject<T>(config: string | null, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await project(config);
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('an unknown option is a usage error (exit 2) for each deploy command', async () => {
  await withProject(CONFIG, async (dir) => {
    for (const command of ['deploy', 'rollback', 'releases']) {
      const r = await gocross([command, '--no-such-flag'], dir);
      assert.equal(r.exitCode, 2, `${command}: ${r.stderr}`);
      assert.match(r.stderr, /unknown option '--no-such-flag'/);
      assert.equal(r.stdout, '');
    }
  });
});

test('a config without a deploy: section is a config error (exit 2) with the fix, for each command', async () => {
  await withProject('targets: linux/amd64\n', async (dir) => {
    for (const command of ['deploy', 'rollback', 'releases']) {
      const r = await gocross([command], dir);
      assert.equal(r.exitCode, 2, `${command}: ${r.stderr}`);
      assert.match(r.stderr, /^gocross: Cannot use config \S+gocross\.config\.yaml: deploy: missing section\nfix: add a deploy: section with hosts and service to gocross\.config\.yaml/m);
    }
  });
  await withProject(null, async (dir) => {
    const r = await gocross(['deploy', '--dry-run'], dir);
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /deploy: missing section \(no config file found\)/);
  });
});

test('host selection flags are checked before the config and before any device', async () => {
  await withProject(null, async (dir) => {
    const r = await gocross(['deploy', '--label', 'site'], dir);
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /^gocross: Cannot parse label selector "site": expected key=value\nfix: write e\.g\. --label site=berlin/m);
  });
  await withProject(CONFIG, async (dir) => {
    const r = await gocross(['deploy', '--dry-run', '--resume'], dir);
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /Cannot deploy: --dry-run and --resume do not combine/);
  });
});

test('a deploy with nothing built says so and how to build (exit 1), writing no state', async () => {
  await withProject(CONFIG, async (dir) => {
    const r = await gocross(['deploy'], dir);
    assert.equal(r.exitCode, 1, r.stderr);
    assert.match(r.stderr, /^gocross: Cannot deploy: \S+dist\/manifest\.json does not exist\nfix: /m);
    assert.ok(!existsSync(join(dir, '.gocross')), 'no state file for a run that never started');
  });
});

test('deploy --help explains waves, the budget, the health gate, the revert timer, --json events and exit codes', async () => {
  const r = await gocross(['deploy', '--help'], tmpdir());
  assert.equal(r.exitCode, 0);
  for (const option of ['--hosts', '--group', '--label', '--dry-run', '--resume', '--accept-new-host-keys', '--dist', '--release-version', '--json', '--junit', '--html', '--report-dir', '--config', '--dir']) {
    assert.ok(r.stdout.includes(option), option);
  }
  assert.match(r.stdout, /Health gate: the unit must stay active with an unchanged NRestarts/);
  assert.match(r.stdout, /Self-revert: before the switch the device arms a timer/);
  assert.match(r.stdout, /Waves and budget: deploy\.waves/);
  assert.match(r.stdout, /done \{report\} last/);
  assert.match(r.stdout, /Exit code: 0 every selected host updated[\s\S]*1 some host failed[\s\S]*2 usage or config\s+error[\s\S]*130 interrupted/);
});

/** Runs the CLI in `cwd` on a pseudo-terminal (util-linux script(1)); returns what the terminal saw. */
async function onTerminal(args: string, cwd: string, env: Record<string, string> = {}): Promise<{ terminal: string; exitCode: number | null }> {
  const command = `cd ${cwd} && ${process.execPath} ${join(REPO, 'src/cli/bin.ts')} ${args}`;
  const r = await run('script', ['-qefc', command, '/dev/null'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm', ...env }, reject: false, timeoutMs: 60_000 });
  return { terminal: r.stdout, exitCode: r.exitCode };
}

const CURSOR = /\u001b\[\d*[FJ]|\u001b\[2K/;
const COLOUR = /\u001b\[3\dm/;

test('on a terminal: live lines erased, then a coloured summary; NO_COLOR, TERM=dumb and CI change only what they should', { skip: lacks('script') }, async () => {
  // A host that refuses the connection: the run fails at once, through the real pipeline and renderers.
  await withProject(CONFIG, async (dir) => {
    const live = await onTerminal('rollback', dir);
    assert.equal(live.exitCode, 1, live.terminal);
    assert.match(live.terminal, CURSOR, 'live progress redrawn in place');
    assert.match(live.terminal, /\u001b\[31m✗ failed\u001b\[0m/, 'the outcome is coloured');
    assert.match(live.terminal, /\u001b\[31mFAILED\u001b\[0m Rollback of hello-service: 1 failed/);

    const noColor = await onTerminal('rollback', dir, { NO_COLOR: '1' });
    assert.doesNotMatch(noColor.terminal, COLOUR, 'NO_COLOR: no colour');
    assert.match(noColor.terminal, CURSOR, 'NO_COLOR keeps the live lines');
    assert.match(noColor.terminal, /✗ failed/);

    const dumb = await onTerminal('rollback', dir, { TERM: 'dumb' });
    assert.doesNotMatch(dumb.terminal, /\u001b/, 'TERM=dumb: no escape sequence at all');
    assert.match(dumb.terminal, /^ {2}dev1 connect fail: Cannot connect to dev1 /m, 'plain lines instead');

    const ci = await onTerminal('rollback', dir, { CI: 'true' });
    assert.doesNotMatch(ci.terminal, CURSOR, 'CI: no cursor movement');
    assert.match(ci.terminal.replace(/\u001b\[\d+m/g, ''), /^ {2}dev1 connect fail: /m, 'plain lines (coloured: it is still a terminal)');
  });
});
