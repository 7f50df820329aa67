/**
 * Benchmark of `gocross image` (issue 15): assembly time per platform for a ~10 MB Go binary, and
 * the push of the 6-platform image of examples/hello to a local registry against `skopeo copy`
 * of the same images from an OCI layout (the transfer floor), both measured in this run; and a warm
 * re-push (nothing changed), which should send no blob. Not a test: prints figures and PASS/FAIL.
 *
 *   node bench/image.ts [--runs N]
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { run } from '../src/process/run.ts';
import { makeImages } from '../src/image/make.ts';
import { writeLayout } from '../src/image/layout-write.ts';
import { RegistryClient } from '../src/registry/client.ts';
import { pushImageSet } from '../src/registry/push.ts';
import { GO } from '../test/support/go.ts';
import { builtExample } from '../test/support/gocross-cli.ts';
import { startRegistry } from '../test/support/registry.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Number(values.runs);
const TARGETS = ['linux/amd64', 'linux/arm64', 'linux/arm/7', 'linux/386', 'linux/riscv64', 'linux/ppc64le'];
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number): string => `${n.toFixed(0)} ms`;

if (!GO) throw new Error('Go is not installed: run scripts/setup.sh');
const work = await mkdtemp(join(tmpdir(), 'gocross-bench-image-'));
const registry = await startRegistry();
try {
  // 1. Assembly of a ~10 MB binary: the toolchain's own `trace` tool (a real Go binary), listed as
  //    each of the 6 linux platforms (assembly never looks inside the binary).
  const tool = join(GO, '..', '..', 'pkg/tool/linux_amd64/trace');
  const size = statSync(tool).size;
  const sha256 = createHash('sha256').update(readFileSync(tool)).digest('hex');
  const dist = join(work, 'big/dist');
  const artifacts = [];
  for (const t of TARGETS) {
    const [goos, goarch, v] = t.split('/');
    const path = `big_${t.replaceAll('/', '_')}/big`;
    await mkdir(join(dist, path, '..'), { recursive: true });
    await copyFile(tool, join(dist, path));
    artifacts.push({ target: t, goos, goarch, variant: v ? { name: 'GOARM', value: v } : null, path, size, sha256, durationMs: 0, env: {}, flags: [], cc: null, facts: null, inputKey: null, extraFiles: [] });
  }
  await writeFile(join(dist, 'manifest.json'), JSON.stringify({ schemaVersion: 1, name: 'big', toolchain: { version: '', path: '', goroot: '' }, vcs: { version: 'dev', commit: 'none', date: '2024-01-01T00:00:00Z' }, interrupted: false, artifacts, failures: [] }));
  const assembly: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await makeImages({ distDir: dist });
    assembly.push((performance.now() - t0) / TARGETS.length);
  }

  // 2. Push of the example's 6-platform image vs skopeo copy of the same layout.
  const app = await builtExample(TARGETS.join(','));
  const made = await makeImages({ distDir: join(app, 'dist') });
  const layout = join(work, 'layout');
  await writeLayout(layout, made.set, 'latest');
  const push: number[] = [];
  const pushOnly: number[] = [];
  const floor: number[] = [];
  const warm: number[] = [];
  let warmUploads = -1;
  let warmBytes = -1;
  for (let i = 0; i < RUNS; i++) {
    // Fresh repositories each round, so both sides upload every blob (no cross-repo mounts).
    const t0 = performance.now();
    const made2 = await makeImages({ distDir: join(app, 'dist') });
    await pushImageSet(new RegistryClient({ registry: registry.host, repository: `gocross-${i}`, insecure: true }), made2.set, { tag: 'latest' });
    push.push(performance.now() - t0);
    const t3 = performance.now();
    await pushImageSet(new RegistryClient({ registry: registry.host, repository: `gocross-only-${i}`, insecure: true }), made.set, { tag: 'latest' });
    pushOnly.push(performance.now() - t3);
    const t1 = performance.now();
    await run('skopeo', ['copy', '--all', '-q', '--dest-tls-verify=false', `oci:${layout}:latest`, `docker://${registry.host}/skopeo-${i}:latest`]);
    floor.push(performance.now() - t1);
    const stats = { requests: 0, bytesSent: 0, blobUploads: 0 };
    const t2 = performance.now();
    const made3 = await makeImages({ distDir: join(app, 'dist') });
    const r = await pushImageSet(new RegistryClient({ registry: registry.host, repository: `gocross-${i}`, insecure: true, stats }), made3.set, { tag: 'latest' });
    warm.push(performance.now() - t2);
    warmUploads = r.uploaded;
    warmBytes = stats.bytesSent;
  }
  const layerBytes = made.set.images.reduce((n, i) => n + i.layers.reduce((m, l) => m + l.descriptor.size, 0), 0);
  const ratio = median(pushOnly) / median(floor);
  console.log(`gocross image bench (${RUNS} runs, medians; ${TARGETS.length} platforms)`);
  console.log(`  assembly, ${(size / 1e6).toFixed(1)} MB binary:        ${ms(median(assembly))} per platform   ${median(assembly) < 500 ? 'PASS' : 'FAIL'} (target < 500 ms)`);
  console.log(`  push hello (assemble + push, ${(layerBytes / 1e6).toFixed(1)} MB of layers): ${ms(median(push))}`);
  console.log(`  skopeo copy of the same layout (floor): ${ms(median(floor))}`);
  console.log(`  push alone (images already assembled): ${ms(median(pushOnly))}`);
  console.log(`  ratio push alone / floor:                   ${ratio.toFixed(2)}×   ${ratio <= 1.3 ? 'PASS' : 'FAIL'} (target ≤ 1.3×)`);
  console.log(`  warm re-push: ${ms(median(warm))}, blobs uploaded ${warmUploads}, bytes sent ${warmBytes}   ${warmUploads === 0 ? 'PASS' : 'FAIL'} (target: no blob)`);
} finally {
  await registry.stop();
  await rm(work, { recursive: true, force: true });
}
