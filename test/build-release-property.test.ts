/**
 * Property: whatever sequence of builds (some targets, -f, --clean, --sbom, changed sources) and
 * whatever interruptions (SIGINT or SIGTERM at a random moment), dist/manifest.json always parses
 * and every file it lists exists with its recorded SHA-256. Seeded: GOCROSS_PROPERTY_SEED repeats
 * a run; the seed is in every failure message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Manifest } from '../src/gobuild/manifest.ts';
import { CACHE, REPO, lacks } from './support/go.ts';
import { prng as random } from '../src/util/prng.ts';

const BIN = join(REPO, 'src/cli/bin.ts');
const STEPS = 12;

function gocross(args: string[], cwd: string, interrupt: { signal: NodeJS.Signals; afterMs: number } | null): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const { PATH, HOME } = process.env;
  const env = { PATH, HOME, GOCACHE: join(CACHE, 'go-build'), GOMODCACHE: join(CACHE, 'gopath/pkg/mod'), GOPROXY: 'off', NO_COLOR: '1' };
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = interrupt ? setTimeout(() => child.kill(interrupt.signal), interrupt.afterMs) : null;
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr });
    }),
  );
}

async function assertReleaseConsistent(dist: string, context: string): Promise<void> {
  const path = join(dist, 'manifest.json');
  if (!existsSync(path)) return; // no release yet is consistent too
  const manifest = JSON.parse(await readFile(path, 'utf8')) as Manifest;
  for (const a of manifest.artifacts) {
    for (const f of [{ path: a.path, sha256: a.sha256 }, ...a.extraFiles]) {
      const bytes = await readFile(join(dist, f.path)).catch(() => null);
      assert.ok(bytes, `${context}: ${f.path} is listed but missing`);
      assert.equal(createHash('sha256').update(bytes).digest('hex'), f.sha256, `${context}: ${f.path} differs from its recorded SHA-256`);
    }
  }
  const sums = (await readFile(join(dist, 'SHA256SUMS'), 'utf8')).trim().split('\n').filter(Boolean);
  assert.equal(sums.length, manifest.artifacts.reduce((n, a) => n + 1 + a.extraFiles.length, 0), `${context}: SHA256SUMS and the manifest disagree`);
}

test('property: random builds with random SIGINT/SIGTERM never leave a manifest that lies', { skip: lacks('go') }, async () => {
  const seed = Number(process.env.GOCROSS_PROPERTY_SEED ?? Date.now() % 1_000_000);
  const next = random(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const dir = join(await mkdtemp(join(tmpdir(), 'gocross-property-')), 'hello');
  await cp(join(REPO, 'examples/hello'), dir, { recursive: true });
  const history: string[] = [];
  for (let step = 0; step < STEPS; step++) {
    // A changed source makes every rebuild a new binary, so a stale file cannot pass for a fresh one.
    if (next() < 0.5) await writeFile(join(dir, 'noise.go'), `package main\n\nvar noise = ${Math.floor(next() * 1e9)}\n`);
    const args = ['build', '-t', pick(['linux/amd64', 'linux/arm64', 'linux/amd64,linux/arm64'])];
    if (next() < 0.3) args.push('-f');
    if (next() < 0.2) args.push('--clean');
    if (next() < 0.3) args.push('--sbom');
    const interrupt = next() < 0.6 ? { signal: pick(['SIGINT', 'SIGTERM'] as const), afterMs: Math.floor(next() * 3000) } : null;
    const r = await gocross(args, dir, interrupt);
    history.push(`${args.join(' ')}${interrupt ? ` + ${interrupt.signal}@${interrupt.afterMs}ms` : ''} → ${r.code ?? r.signal}`);
    const context = `seed ${seed}, after:\n  ${history.join('\n  ')}`;
    // 130 after SIGINT, 143 after SIGTERM (README's exit codes); a second signal may end it at once.
    assert.ok(r.code === 0 || r.code === 130 || r.code === 143 || r.signal !== null, `${context}\n${r.stderr}`);
    await assertReleaseConsistent(join(dir, 'dist'), context);
  }
});

/** A small tmpfs, so builds run out of space mid-publish; null when this host does not let us mount one. */
async function smallTmpfs(sizeMiB: number): Promise<string | null> {
  const dir = await mkdtemp(join(tmpdir(), 'gocross-enospc-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir], { encoding: 'utf8' });
  return r.status === 0 ? dir : null;
}

test('property: builds that run out of space (ENOSPC on a small tmpfs) fail naming the file and never leave a manifest that lies', { skip: lacks('go') }, async (t) => {
  const mount = await smallTmpfs(6);
  if (!mount) return t.skip('cannot mount a tmpfs here (needs root): ENOSPC is not exercised');
  t.after(() => void spawnSync('umount', ['-l', mount]));
  const seed = Number(process.env.GOCROSS_PROPERTY_SEED ?? Date.now() % 1_000_000);
  const next = random(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const dir = join(await mkdtemp(join(tmpdir(), 'gocross-property-enospc-')), 'hello');
  await cp(join(REPO, 'examples/hello'), dir, { recursive: true });
  const dist = join(mount, 'dist');
  const history: string[] = [];
  let sawEnospc = false;
  for (let step = 0; step < 8; step++) {
    if (next() < 0.7) await writeFile(join(dir, 'noise.go'), `package main\n\nvar noise = ${Math.floor(next() * 1e9)}\n`);
    // Three targets of ~2 MiB each, plus staging copies, do not fit in 6 MiB.
    const args = ['build', '-o', dist, '-t', pick(['linux/amd64', 'linux/amd64,linux/arm64', 'linux/amd64,linux/arm64,linux/riscv64'])];
    if (next() < 0.4) args.push('-f');
    if (next() < 0.3) args.push('--sbom');
    const r = await gocross(args, dir, null);
    history.push(`${args.join(' ')} → ${r.code ?? r.signal}`);
    const context = `seed ${seed}, after:\n  ${history.join('\n  ')}`;
    if (/no space left on device/.test(r.stderr)) {
      sawEnospc = true;
      assert.notEqual(r.code, 0, `${context}: ran out of space but exited 0\n${r.stderr}`);
      assert.match(r.stderr, /Cannot [a-z]+ \/\S+: no space left on device|no space left on device/, context);
    }
    await assertReleaseConsistent(dist, context);
  }
  assert.ok(sawEnospc, `seed ${seed}: no step ran out of space in 6 MiB; the test did not exercise ENOSPC:\n  ${history.join('\n  ')}`);
});
