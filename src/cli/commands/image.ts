/**
 * `gocross image`: multi-platform OCI images from the binaries in dist/manifest.json, without
 * Docker or emulation: an OCI layout (default dist/image), a `docker load` tarball, or a push.
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { dockerArchive } from '../../image/docker-archive.ts';
import { writeLayout } from '../../image/layout-write.ts';
import { makeImages } from '../../image/make.ts';
import { platformKey } from '../../image/plan.ts';
import { writeChunks } from '../../image/write-chunks.ts';
import { imageSboms } from '../../image/sboms.ts';
import { manifestImages, recordImages } from '../../image/record.ts';
import { RegistryClient } from '../../registry/client.ts';
import { findCredentials } from '../../registry/credentials.ts';
import { DEFAULT_CHUNK_SIZE, pushImageSet } from '../../registry/push.ts';
import { formatReference, parseReference } from '../../registry/reference.ts';
import { SBOM_FORMATS, type SbomFormat } from '../../sbom/document-options.ts';
import { ociPlatformOf, hostGoarch } from '../../platform/lookup.ts';
import { parseTarget } from '../../platform/target.ts';
import { printable } from '../../util/printable.ts';
import { UsageError } from '../errors.ts';
import { stdout } from '../../render/style.ts';
import { printJson } from '../print-json.ts';

interface ImageCliOptions {
  dist: string;
  targets?: string;
  tag: string;
  layout?: string;
  dockerTar?: string;
  platform?: string;
  push?: string;
  insecure?: boolean;
  base?: string;
  caCertificates?: boolean | string;
  tzdata?: boolean;
  nonroot: boolean;
  addFile: string[];
  env: string[];
  sbom?: boolean | string;
  source?: string;
  chunkSize?: string;
  json?: boolean;
}

interface Line {
  what: string;
  ref: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function action(options: ImageCliOptions): Promise<void> {
  const sbomFormat = options.sbom === undefined || options.sbom === false ? undefined : options.sbom === true ? 'cyclonedx' : options.sbom;
  if (sbomFormat !== undefined && !(SBOM_FORMATS as readonly string[]).includes(sbomFormat)) throw new UsageError(`Cannot attach SBOMs: unknown format ${sbomFormat} (use ${SBOM_FORMATS.join(' or ')})`);
  const chunkSize = options.chunkSize === undefined ? DEFAULT_CHUNK_SIZE : Number(options.chunkSize);
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new UsageError(`Cannot push: --chunk-size ${String(options.chunkSize)} is not a positive number of bytes`);
  const push = options.push ? parseReference(options.push) : undefined;
  if (push?.digest) throw new UsageError('Cannot push to a digest: give a tag (e.g. 127.0.0.1:5000/hello:1.0)');

  const { manifest, plan, set } = await makeImages({
    distDir: options.dist,
    ...(options.targets ? { targets: options.targets.split(',').map((t) => t.trim()).filter(Boolean) } : {}),
    ...(options.base ? { base: options.base } : {}),
    ...(options.insecure ? { insecure: true } : {}),
    ...(options.caCertificates ? { caCertificates: options.caCertificates } : {}),
    ...(options.tzdata ? { tzdata: true } : {}),
    nonroot: options.nonroot,
    extraFiles: options.addFile,
    env: options.env,
    ...(options.source ? { source: options.source } : {}),
    ...(process.env.SOURCE_DATE_EPOCH !== undefined ? { sourceDateEpoch: process.env.SOURCE_DATE_EPOCH } : {}),
  });
  const sboms = sbomFormat ? await imageSboms(set, plan, options.dist, sbomFormat as SbomFormat) : undefined;
  const lines: Line[] = [];
  const result: Record<string, unknown> = { schemaVersion: 1, index: set.index.descriptor.digest, images: set.images.map((i) => ({ target: i.target, platform: platformKey(i.platform), digest: i.manifest.descriptor.digest })), skipped: plan.skipped };

  const layout = options.layout ?? (!options.push && !options.dockerTar ? join(options.dist, 'image') : undefined);
  if (layout) {
    await writeLayout(layout, set, options.tag, sboms);
    for (const i of set.images) lines.push({ what: i.target, ref: `oci:${layout}:${options.tag}@${i.manifest.descriptor.digest}` });
    lines.push({ what: 'index', ref: `oci:${layout}:${options.tag}@${set.index.descriptor.digest}` });
    result.layout = layout;
  }
  if (options.dockerTar) {
    const wanted = parseTarget(options.platform ?? `linux/${hostGoarch()}`);
    const wantedPlatform = ociPlatformOf(wanted);
    const image = set.images.find((i) => i.target === wanted.id || (wantedPlatform && platformKey(i.platform) === platformKey(wantedPlatform)));
    if (!image) throw new UsageError(`Cannot write a docker tarball for ${wanted.id}: no image for that platform (have ${set.images.map((i) => platformKey(i.platform)).join(', ')}); choose one with --platform`);
    const repoTag = push ? `${formatReference({ ...push, tag: push.tag ?? options.tag })}` : `${plan.images[0]!.artifact.path.split('/').pop()?.replace(/[^a-z0-9._-]/g, '-') ?? 'app'}:${options.tag}`;
    await writeChunks(options.dockerTar, await dockerArchive(image, repoTag, plan.mtime));
    lines.push({ what: `docker load (${image.target})`, ref: `${options.dockerTar} ${repoTag}@${image.manifest.descriptor.digest}` });
    result.dockerTar = options.dockerTar;
  }
  if (push) {
    const tag = push.tag ?? options.tag;
    const credentials = await findCredentials(push.registry);
    const client = new RegistryClient({ registry: push.registry, repository: push.repository, ...(credentials ? { credentials } : {}), ...(options.insecure ? { insecure: true } : {}) });
    const pushed = await pushImageSet(client, set, { tag, chunkSize, ...(sboms ? { sboms } : {}) });
    const name = `${push.registry}/${push.repository}`;
    for (const i of pushed.images) {
      lines.push({ what: i.target, ref: `${name}@${i.digest}` });
      for (const s of i.sboms) lines.push({ what: `${i.target} sbom`, ref: `${name}@${s}` });
    }
    lines.push({ what: `index (${tag})`, ref: `${name}@${pushed.indexDigest}` });
    result.push = { reference: `${name}:${tag}`, ...pushed };
  }
  const recorded = push ? `${push.registry}/${push.repository}:${push.tag ?? options.tag}` : layout ? `oci:${layout}:${options.tag}` : undefined;
  if (recorded) await recordImages(options.dist, manifest, manifestImages(set, recorded, sboms));
  if (options.json) return printJson(result);
  const out = stdout();
  const width = Math.max(...lines.map((l) => l.what.length));
  for (const l of lines) out.write(`${printable(l.what).padEnd(width)}  ${printable(l.ref)}\n`);
}

export function register(program: Command): void {
  program
    .command('image')
    .summary('Make multi-platform OCI images from the built binaries: an OCI layout, a docker tarball, or a registry push')
    .description(
      'For each linux artifact in dist/manifest.json, an image whose one layer holds the binary (as\n' +
        '/usr/local/bin/NAME, the entrypoint) and /etc/passwd with the non-root user 65532, on scratch or a base\n' +
        'image; and an OCI image index over all platforms. Reproducible: file times and the created date come\n' +
        'from the commit (or SOURCE_DATE_EPOCH), entries are sorted, no owner names, deterministic gzip.\n' +
        'Without --push/--docker-tar/--layout, writes the OCI layout dist/image. Pushing sends each platform\'s\n' +
        'blobs and manifest, then its SBOM (with --sbom), and the index last. Credentials: GOCROSS_REGISTRY_USERNAME\n' +
        'and GOCROSS_REGISTRY_PASSWORD, else ~/.docker/config.json (auths).',
    )
    .option('--dist <dir>', 'the build output directory holding manifest.json', 'dist')
    .option('-t, --targets <ids>', 'comma-separated target ids from the manifest (default: every linux one)')
    .option('--tag <tag>', 'tag for the layout and for --push without a tag', 'latest')
    .option('--layout <dir>', 'write an OCI image layout directory')
    .option('--docker-tar <file>', 'write a `docker load` tarball of one platform (see --platform)')
    .option('--platform <os/arch>', 'platform of the docker tarball (default: this host\'s)')
    .option('--push <ref>', 'push to a registry, e.g. ghcr.io/me/app:1.0')
    .option('--insecure', 'talk plain HTTP to the registry (test registries only)')
    .option('--base <ref>', 'base image: a registry reference, or oci:DIR[:TAG] (default: scratch)')
    .option('--ca-certificates [file]', 'add a CA bundle as /etc/ssl/certs/ca-certificates.crt (default: the host\'s)')
    .option('--tzdata', 'add the host\'s /usr/share/zoneinfo')
    .option('--no-nonroot', 'no /etc/passwd and run as root (default: user nonroot, 65532)')
    .option('--add-file <src:dest[:mode]>', 'add a file to the layer (repeatable)', collect, [])
    .option('--env <NAME=VALUE>', 'set an environment variable in the image (repeatable)', collect, [])
    .option('--sbom [format]', 'attach an SBOM (cyclonedx|spdx) to each platform image, bound to its digest')
    .option('--source <url>', 'repository URL recorded as org.opencontainers.image.source')
    .option('--chunk-size <bytes>', 'upload blobs larger than this in chunks of this size', String(DEFAULT_CHUNK_SIZE))
    .option('--json', 'print the result as JSON ({ "schemaVersion": 1, ... })')
    .addHelpText(
      'after',
      '\nExit status: 0 done; 1 a build artifact, base image or registry failed; 2 usage error.\n\nExamples:\n' +
        '  gocross build -t linux/amd64,linux/arm64,linux/arm/7 && gocross image\n' +
        '  gocross image --push ghcr.io/me/hello:1.0 --sbom\n' +
        '  gocross image --docker-tar hello.tar --platform linux/amd64 && docker load -i hello.tar',
    )
    .action(action);
}
