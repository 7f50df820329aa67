/**
 * setup --apply for real on this Debian host: installs GNU hello (one small package that nothing
 * else needs, depends only on libc6), then a second run is a no-op. apt/dpkg waits for its lock
 * (DPkg::Lock::Timeout) instead of failing, and `apt-get update` runs only when the package lists
 * do not know the package, so parallel test files are not disturbed.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO, lacks } from '../../test/support/go.ts';
import { isInstalled } from './installed.ts';

const exec = promisify(execFile);
const PKG = 'hello';

function whyNot(): string | false {
  const missing = lacks('apt-get', 'dpkg-query');
  if (missing) return missing;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'needs root to install packages';
  return false;
}

async function removeHello(): Promise<void> {
  if (await isInstalled('apt', PKG)) {
    await exec('apt-get', ['remove', '-y', '-o', 'DPkg::Lock::Timeout=300', PKG], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
}

async function setup(): Promise<{ code: number; doc: { result: { ok: boolean; steps: Array<{ description: string; status: string; detail: string; installed?: string[]; alreadyInstalled?: string[] }> } } }> {
  const args = [join(REPO, 'src/cli/bin.ts'), 'setup', '--targets', 'linux/amd64', '--no-cgo', '--also', PKG, '--apply', '--json'];
  try {
    const r = await exec(process.execPath, args, { cwd: REPO, maxBuffer: 16 << 20 });
    return { code: 0, doc: JSON.parse(r.stdout) };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    assert.fail(`setup --apply failed (${e.code}): ${e.stdout}\n${e.stderr}`);
  }
}

describe('setup --apply', { skip: whyNot() }, () => {
  before(removeHello);
  after(removeHello);

  it('installs a missing package, then a second run is a no-op', async () => {
    assert.equal(await isInstalled('apt', PKG), false);
    const first = await setup();
    assert.equal(first.doc.result.ok, true);
    const install = first.doc.result.steps.at(-1)!;
    assert.equal(install.status, 'done');
    assert.deepEqual(install.installed, [PKG]);
    assert.ok(install.alreadyInstalled?.includes('binutils'), JSON.stringify(install));
    assert.equal(await isInstalled('apt', PKG), true);
    // The package really works: GNU hello greets.
    assert.ok(existsSync('/usr/bin/hello'));
    assert.equal((await exec('/usr/bin/hello')).stdout.trim(), 'Hello, world!');

    const second = await setup();
    assert.equal(second.doc.result.ok, true);
    for (const step of second.doc.result.steps) assert.equal(step.status, 'skipped', JSON.stringify(step));
    assert.match(second.doc.result.steps.at(-1)!.detail, /^already installed: .*\bhello\b/);
  });
});
