/**
 * --check-reproducible covers images: `build --image` assembles the images from both builds'
 * output folders and compares the index and every platform's manifest digest; `gocross image`
 * assembles twice from one dist. Real Go builds of examples/hello.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lacks, REPO } from './support/go.ts';
import { gocross } from './support/gocross-cli.ts';

const skip = lacks('go');
const roots: string[] = [];
after(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

async function example(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'gocross-image-repro-'));
  roots.push(root);
  const dir = join(root, 'hello');
  await cp(join(REPO, 'examples/hello'), dir, { recursive: true });
  return dir;
}

interface ReproJson {
  type: string;
  identical: boolean;
  alsoCompared: Record<string, number>;
  differences: unknown[];
}

test('build -t linux/amd64,linux/arm64 --image --check-reproducible compares both images and the index and finds them identical', { skip }, async () => {
  const dir = await example();
  const r = await gocross(['build', '-t', 'linux/amd64,linux/arm64', '--image', '--check-reproducible', '--json'], dir);
  assert.equal(r.exitCode, 0, r.stderr + r.stdout);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const repro = lines.find((l) => l.type === 'reproducibility') as unknown as ReproJson;
  assert.equal(repro.identical, true, JSON.stringify(repro));
  assert.deepEqual(repro.alsoCompared, { images: 2 });
  // The images are then written as without the check.
  const image = lines.find((l) => l.type === 'image') as { index: string } | undefined;
  assert.ok(image, r.stdout);
  const index = JSON.parse(await readFile(join(dir, 'dist/image/index.json'), 'utf8')) as { manifests: Array<{ digest: string }> };
  assert.equal(index.manifests[0]!.digest, image.index);
});

test('gocross image --check-reproducible assembles twice from one dist and reports identical digests before writing', { skip }, async () => {
  const dir = await example();
  const b = await gocross(['build', '-t', 'linux/amd64,linux/arm64'], dir);
  assert.equal(b.exitCode, 0, b.stderr + b.stdout);
  const r = await gocross(['image', '--check-reproducible', '--json'], dir);
  assert.equal(r.exitCode, 0, r.stderr + r.stdout);
  const json = JSON.parse(r.stdout) as { index: string; reproducibility: { identical: boolean; compared: number; differences: unknown[] } };
  assert.deepEqual(json.reproducibility, { identical: true, compared: 2, differences: [] });
  const text = await gocross(['image', '--check-reproducible'], dir);
  assert.equal(text.exitCode, 0, text.stderr);
  assert.match(text.stderr, /^reproducible: 2 image\(s\) and their index identical$/m);
});
