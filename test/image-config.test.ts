/**
 * The config's image: section and `gocross build --image`: one build makes the images the config
 * describes (user, extra file, env, tag, layout, source), flags override the config, a build
 * without a linux target is refused before it starts, and a wrong image: key is a config error.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lacks, REPO } from './support/go.ts';
import { gocross } from './support/gocross-cli.ts';

const skip = lacks('go', 'skopeo', 'tar');
let root = '';
let app = '';

const CONFIG = `image:
  user: { name: app, uid: 1000, gid: 1000 }
  files:
    - { src: conf/app.yaml, dest: /etc/hello/app.yaml, mode: "0600" }
  env: [HELLO_MODE=config]
  tag: cfg
  layout: out/oci
  source: https://example.com/hello
`;

before(async () => {
  if (skip) return;
  root = await mkdtemp(join(tmpdir(), 'gocross-image-config-'));
  app = join(root, 'hello');
  await cp(join(REPO, 'examples', 'hello'), app, { recursive: true });
  await mkdir(join(app, 'conf'));
  await writeFile(join(app, 'conf', 'app.yaml'), 'mode: test\n');
  await writeFile(join(app, 'gocross.config.yaml'), CONFIG);
});
after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

test('build --image makes the images the image: section describes, for the linux targets only', { skip }, async () => {
  const r = await gocross(['build', '-t', 'linux/amd64,linux/arm64,windows/amd64', '--image'], app);
  assert.equal(r.exitCode, 0, r.stderr + r.stdout);
  const layout = join(app, 'out/oci');
  assert.match(r.stdout, /^linux\/amd64 +oci:out\/oci:cfg@sha256:[0-9a-f]{64}$/m);
  assert.match(r.stdout, /^index +oci:out\/oci:cfg@sha256:[0-9a-f]{64}$/m);
  const index = JSON.parse(sh('skopeo', ['inspect', '--raw', `oci:${layout}:cfg`])) as { manifests: Array<{ platform: { architecture: string } }>; annotations: Record<string, string> };
  assert.deepEqual(index.manifests.map((m) => m.platform.architecture), ['amd64', 'arm64']);
  assert.equal(index.annotations['org.opencontainers.image.source'], 'https://example.com/hello');
  const config = JSON.parse(sh('skopeo', ['inspect', '--config', `oci:${layout}:cfg-linux-amd64`])) as { config: { User: string; Env: string[] } };
  assert.equal(config.config.User, '1000:1000');
  assert.ok(config.config.Env.includes('HELLO_MODE=config'), config.config.Env.join(' '));
  const manifest = JSON.parse(sh('skopeo', ['inspect', '--raw', `oci:${layout}:cfg-linux-amd64`])) as { layers: Array<{ digest: string }> };
  const layer = join(layout, 'blobs/sha256', manifest.layers[0]!.digest.slice(7));
  const listing = sh('tar', ['-tvzf', layer]);
  assert.match(listing, /^-rw------- 0\/0 +11 .* etc\/hello\/app\.yaml$/m);
  assert.match(sh('tar', ['-xzOf', layer, 'etc/passwd']), /^app:x:1000:1000:/m);
  const recorded = JSON.parse(await readFile(join(app, 'dist/manifest.json'), 'utf8')) as { images: { reference: string } };
  assert.equal(recorded.images.reference, 'oci:out/oci:cfg');
});

test('flags override the image: section', { skip }, async () => {
  const r = await gocross(['image', '--tag', 'flag', '--no-nonroot', '--env', 'HELLO_MODE=flag', '--json'], app);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { layout: string }).layout, 'out/oci');
  const config = JSON.parse(sh('skopeo', ['inspect', '--config', `oci:${join(app, 'out/oci')}:flag-linux-amd64`])) as { config: { User?: string; Env: string[] } };
  assert.equal(config.config.User, undefined);
  assert.ok(config.config.Env.includes('HELLO_MODE=flag') && !config.config.Env.includes('HELLO_MODE=config'), config.config.Env.join(' '));
});

test('build --image without a linux target is refused before building; a wrong image: key is a config error', { skip }, async () => {
  const r = await gocross(['build', '-t', 'windows/amd64', '--image', '-o', 'win'], app);
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, /Cannot build with --image: no linux target in windows\/amd64 \(container images run linux binaries only\)/);
  assert.match(r.stderr, /add a linux target/);
  await writeFile(join(app, 'bad.yaml'), 'image:\n  user: admin\n  layers: 2\n');
  const bad = await gocross(['image', '-c', 'bad.yaml'], app);
  assert.equal(bad.exitCode, 2);
  assert.match(bad.stderr, /image\.layers/);
  assert.match(bad.stderr, /image\.user/);
});
