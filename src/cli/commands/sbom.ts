/**
 * `gocross sbom FILE... [--format cyclonedx|spdx] [-o OUT]` and `gocross sbom --verify SBOM FILE`:
 * SBOMs straight from the Go build info in the binary, and a digest check of a shipped file.
 */
import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import { join, basename } from 'node:path';
import { SBOM_FORMATS, parseSbomTimestamp, parseSbomUuid, type SbomFormat } from '../../sbom/document-options.ts';
import { defaultSbomPath, generateSbom, writeSbomForArtifact } from '../../sbom/generate.ts';
import { uniqueOutputNames } from '../../sbom/output-names.ts';
import { verifySbom } from '../../sbom/verify.ts';
import { ExitError, UsageError } from '../errors.ts';
import { paint, stderr, stdout } from '../../render/style.ts';
import { printJson } from '../print-json.ts';
import { printable } from '../../util/printable.ts';
import { byteProgressText, progressLine, showLiveProgress } from '../../render/progress.ts';
import { gocrossVersion } from '../../util/version.ts';

interface SbomCliOptions {
  format: string;
  output?: string;
  verify?: boolean;
  json?: boolean;
  timestamp?: string;
  uuid?: string;
  platform?: string;
  insecure?: boolean;
}


async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

async function verify(files: string[], options: SbomCliOptions): Promise<void> {
  if (files.length === 1) return (await import('./sbom-verify-image.ts')).verifyImage(files[0]!, options);
  if (files.length !== 2) throw new UsageError('Cannot verify: give the SBOM and the file it describes (gocross sbom --verify SBOM FILE)');
  const [sbom, file] = files as [string, string];
  const r = await verifySbom(sbom, file);
  const out = stdout();
  if (options.json) printJson({ schemaVersion: 1, ...r });
  else if (r.ok) out.write(`${paint(out.color, 'green', 'ok')}: ${printable(file)} matches ${printable(sbom)} (sha256 ${r.actual})\n`);
  else out.write(`${paint(out.color, 'red', 'MISMATCH')}: ${printable(file)} has sha256 ${r.actual}, ${printable(sbom)} records ${printable(r.expected)}\n`);
  if (!r.ok) throw new ExitError(1);
}

async function action(files: string[], options: SbomCliOptions): Promise<void> {
  if (!(SBOM_FORMATS as readonly string[]).includes(options.format)) {
    throw new UsageError(`Cannot make an SBOM: unknown --format ${options.format} (use ${SBOM_FORMATS.join(' or ')})`);
  }
  if (options.verify) return await verify(files, options);
  const format = options.format as SbomFormat;
  const timestamp = options.timestamp === undefined ? undefined : parseSbomTimestamp(options.timestamp);
  if (timestamp === null) {
    throw new UsageError(`Cannot make an SBOM: --timestamp ${JSON.stringify(options.timestamp)} is not an RFC 3339 time (write e.g. 2024-01-02T03:04:05Z, with Z or an offset, or a date 2024-01-02)`);
  }
  const uuid = options.uuid === undefined ? undefined : parseSbomUuid(options.uuid);
  if (uuid === null) throw new UsageError(`Cannot make an SBOM: --uuid ${JSON.stringify(options.uuid)} is not an RFC 4122 UUID (write e.g. 0f8fad5b-d9cb-469f-a165-70867728950e)`);
  const err = stderr();
  const progress = progressLine(err, showLiveProgress({ isTTY: err.isTTY, env: process.env, json: Boolean(options.json) }), { columns: process.stderr.columns });
  const hashing = (file: string) => (done: number, total: number) => progress.update(byteProgressText('hashing', basename(file), done, total));
  const doc = { format, timestamp, uuid, toolVersion: gocrossVersion() };
  if (files.length === 1 && !options.output) {
    let sbom;
    try {
      sbom = await generateSbom(files[0]!, { ...doc, onProgress: hashing(files[0]!) });
    } finally {
      progress.clear();
    }
    printJson(sbom);
    return;
  }
  const intoDir = files.length > 1 || (options.output !== undefined && (await isDirectory(options.output)));
  if (files.length > 1 && options.output && !(await isDirectory(options.output))) {
    throw new UsageError(`Cannot write ${files.length} SBOMs to ${options.output}: with several files, -o must be an existing directory`);
  }
  // Decided before anything is written: two inputs never get the same output file.
  let names: string[] = [];
  try {
    if (intoDir && options.output) names = uniqueOutputNames(files, (f) => basename(defaultSbomPath(f, format)));
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
  let failed = false;
  const written = [];
  for (const [i, file] of files.entries()) {
    const output = intoDir ? (options.output ? join(options.output, names[i]!) : undefined) : options.output;
    try {
      const r = await writeSbomForArtifact(file, { ...doc, output, onProgress: hashing(file) }).finally(() => progress.clear());
      written.push(r);
      if (!options.json) stdout().write(`${printable(r.path)}: ${format} SBOM of ${printable(file)}\n`);
    } catch (error) {
      failed = true;
      stderr().write(`gocross: ${printable((error as Error).message)}\n`);
    }
  }
  if (options.json) printJson({ schemaVersion: 1, sboms: written });
  if (failed) throw new ExitError(1);
}

export function register(program: Command): void {
  program
    .command('sbom')
    .summary('Write CycloneDX or SPDX SBOMs from the Go build info in binaries; verify a file against one')
    .description(
      'Make a Software Bill of Materials from the Go build info embedded in each binary (ELF, PE, Mach-O):\n' +
        'the binary (with its SHA-256), its main module, every dependency module (a replaced module is listed\n' +
        'under its replacement unless the replacement is a local directory), the Go standard library\n' +
        '(pkg:golang/stdlib@VERSION), and the build settings (GOOS, GOARCH, -ldflags, vcs.revision, ...) as\n' +
        'properties. Output is CycloneDX 1.6 JSON (default) or SPDX 2.3 JSON.\n' +
        'One FILE without -o prints to stdout; -o OUT writes a file (or into a directory); several FILEs are\n' +
        'written beside each file as FILE.cdx.json / FILE.spdx.json (or into the -o directory, where files\n' +
        'that share a name are told apart by their folders: dist/app_linux_amd64/app → app_linux_amd64_app.cdx.json).\n' +
        'With --verify SBOM FILE, check that FILE\'s SHA-256 is the one the SBOM records (exit 1 if not).\n' +
        'Reproducible by default: the same binary gives the same bytes. The time recorded is the binary\'s\n' +
        'vcs.time build setting (the commit time go build -buildvcs stamps), else SOURCE_DATE_EPOCH, else now;\n' +
        'the CycloneDX serialNumber and the SPDX documentNamespace use a UUID v5 (RFC 9562, SHA-1 name-based)\n' +
        'of "sha256:<the binary\'s SHA-256>". Dependencies with a go.sum h1: hash carry it as a SHA-256 hash\n' +
        '(hex), as cyclonedx-gomod does; the binary\'s purl has goos/goarch qualifiers; github.com and gopkg.in\n' +
        'modules name their repository as a vcs external reference.\n' +
        'With --verify IMAGE (REGISTRY/REPO:TAG, REGISTRY/REPO@sha256:…, or oci:DIR[:TAG]), check that the SBOM\n' +
        'attached to each platform\'s manifest (referrers API, else the sha256-<hex> tag) names the SHA-256 of\n' +
        'the binary inside that platform\'s layers (exit 1 if one is missing or names another binary).',
    )
    .argument('<files...>', 'Go binaries (or, with --verify, the SBOM and then the file, or one image reference)')
    .option('--format <format>', `document format: ${SBOM_FORMATS.join(' or ')}`, 'cyclonedx')
    .option('-o, --output <out>', 'output file, or directory for several files')
    .option('--verify', 'verify FILE against SBOM instead of writing one')
    .option('--platform <os/arch>', 'with --verify IMAGE: check only this platform of the index (default: every one)')
    .option('--insecure', 'with --verify IMAGE: talk plain HTTP to the registry (test registries only)')
    .option('--timestamp <time>', "creation time to record, RFC 3339 (2024-01-02T03:04:05Z) or a date (default: the binary's vcs.time build setting, else SOURCE_DATE_EPOCH, else now)")
    .option('--uuid <uuid>', "serial number / namespace UUID to record, RFC 4122 (default: a name-based UUID v5 of the binary's SHA-256)")
    .option('--json', 'with --verify or several files: print the result as JSON ({ "schemaVersion": 1, ... })')
    .addHelpText(
      'after',
      '\nExit status: 0 done (or digest matches); 1 a file had no Go build info, could not be read, or its digest does\n' +
        'not match; 2 usage error.\n\nExamples:\n  gocross sbom dist/app-linux-arm64 > app.cdx.json\n  gocross sbom --format spdx -o dist/ dist/app-*\n  gocross sbom --verify app.cdx.json dist/app-linux-arm64\n' +
        '  gocross sbom --verify ghcr.io/me/app:1.0 --platform linux/arm64',
    )
    .action(action);
}
