/**
 * `gocross image`: multi-platform OCI images from the binaries in dist/manifest.json, without
 * Docker or emulation: an OCI layout (default dist/image), a `docker load` tarball, or a push.
 */
import type { Command } from 'commander';
import { relative } from 'node:path';
import { loadConfig } from '../../config/load.ts';
import type { LoadedConfig } from '../../config/types.ts';
import { makeAndPublish } from '../../image/publish.ts';
import { checkImagesReproducible, imagesCheck } from '../../image/reproducible.ts';
import { imageSettings, type ImageFlags, type ImageSettings } from '../../image/settings.ts';
import type { SecondBuildCheck } from '../../gobuild/reproducible.ts';
import { ExitError } from '../errors.ts';
import { DEFAULT_CHUNK_SIZE } from '../../registry/push.ts';
import { renderImageLines, renderImageReproducibility } from '../../render/image.ts';
import { stderr, stdout } from '../../render/style.ts';
import { printJson } from '../print-json.ts';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function afterBuildSettings(loaded: LoadedConfig, dist: string, targets: readonly string[]): ImageSettings {
  return imageSettings({ dist: relative(process.cwd(), dist) || '.', targets: targets.join(',') }, loaded.config.image, { dir: loaded.dir });
}

/** `gocross build --image --check-reproducible`: the images of both builds' folders, with the settings imageAfterBuild() will use. */
export function imagesCheckAfterBuild(loaded: LoadedConfig, targets: readonly string[]): SecondBuildCheck {
  return imagesCheck(afterBuildSettings(loaded, '.', targets));
}

/**
 * `gocross build --image`: the image step after a successful build, for the linux targets it
 * built, with the config's image: section as the only settings (dist is the build's output).
 */
export async function imageAfterBuild(loaded: LoadedConfig, dist: string, targets: readonly string[], json: boolean): Promise<void> {
  const { result, lines } = await makeAndPublish(afterBuildSettings(loaded, dist, targets));
  if (json) process.stdout.write(`${JSON.stringify({ ...result, type: 'image' })}\n`);
  else stdout().write(renderImageLines(lines));
}

async function action(options: ImageFlags & { json?: boolean; config?: string; checkReproducible?: boolean }): Promise<void> {
  const loaded = await loadConfig({ file: options.config });
  const settings = imageSettings(options, loaded.config.image, { dir: loaded.dir, ...(loaded.config.output ? { output: loaded.config.output } : {}) });
  // Checked before anything is written or pushed: a run that is not reproducible publishes nothing.
  const reproducibility = options.checkReproducible ? await checkImagesReproducible(settings) : undefined;
  if (reproducibility && reproducibility.differences.length > 0) {
    if (options.json) printJson({ schemaVersion: 1, reproducibility: { identical: false, ...reproducibility } });
    else stderr().write(renderImageReproducibility(reproducibility, stderr().color));
    throw new ExitError(1);
  }
  const { result, lines } = await makeAndPublish(settings);
  if (options.json) return printJson(reproducibility ? { ...result, reproducibility: { identical: true, ...reproducibility } } : result);
  if (reproducibility) stderr().write(renderImageReproducibility(reproducibility, stderr().color));
  stdout().write(renderImageLines(lines));
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
        'and GOCROSS_REGISTRY_PASSWORD, else ~/.docker/config.json (auths, credHelpers, credsStore).\n' +
        'The config\'s image: section (base, caCertificates, tzdata, user, files, env, tag, push, layout, source,\n' +
        'sbom) gives the defaults; flags override it.',
    )
    .option('--dist <dir>', "the build output directory holding manifest.json (default: config 'output', else dist)")
    .option('-t, --targets <ids>', 'comma-separated target ids from the manifest (default: every linux one)')
    .option('--tag <tag>', 'tag for the layout and for --push without a tag (default: latest)')
    .option('--layout <dir>', 'write an OCI image layout directory')
    .option('--docker-tar <file>', 'write a `docker load` tarball of one platform (see --platform)')
    .option('--platform <os/arch>', 'platform of the docker tarball (default: this host\'s)')
    .option('--push <ref>', 'push to a registry, e.g. ghcr.io/me/app:1.0')
    .option('--insecure', 'talk plain HTTP to the registry (test registries only)')
    .option('--base <ref>', 'base image: a registry reference, or oci:DIR[:TAG] (default: scratch)')
    .option('--ca-certificates [file]', 'add a CA bundle as /etc/ssl/certs/ca-certificates.crt (default: the host\'s)')
    .option('--tzdata', 'add the host\'s /usr/share/zoneinfo')
    .option('--no-nonroot', 'no /etc/passwd and run as root (default: user nonroot, 65532)')
    .option('--add-file <src:dest[:mode]>', 'add a file to the layer (repeatable)', collect)
    .option('--env <NAME=VALUE>', 'set an environment variable in the image (repeatable)', collect)
    .option('--sbom [format]', 'attach an SBOM (cyclonedx|spdx) to each platform image, bound to its digest')
    .option('--source <url>', 'repository URL recorded as org.opencontainers.image.source')
    .option('--chunk-size <bytes>', `upload blobs larger than this in chunks of this size (default: ${DEFAULT_CHUNK_SIZE})`)
    .option('-c, --config <file>', 'config file whose image: section gives defaults (default: gocross.config.{yaml,yml,json} here)')
    .option('--check-reproducible', 'assemble the images twice from the same dist before writing anything and fail when any digest (index or platform manifest) differs')
    .option('--json', 'print the result as JSON ({ "schemaVersion": 1, ... })')
    .addHelpText(
      'after',
      '\nExit status: 0 done; 1 a build artifact, base image or registry failed, or --check-reproducible found a difference; 2 usage error.\n\nExamples:\n' +
        '  gocross build -t linux/amd64,linux/arm64,linux/arm/7 && gocross image\n' +
        '  gocross image --push ghcr.io/me/hello:1.0 --sbom\n' +
        '  gocross image --docker-tar hello.tar --platform linux/amd64 && docker load -i hello.tar',
    )
    .action(action);
}
