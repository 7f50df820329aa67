import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeIoError, exitCodeOf, GocrossError, kindOf, type ErrorKind } from './errors.ts';
import { BinaryIoError, FormatError, UnrecognizedFormatError } from '../binary/errors.ts';
import { CompilerNotFoundError, ToolchainError } from '../gobuild/errors.ts';
import { TargetSyntaxError } from '../platform/errors.ts';
import { ExitError, UsageError } from '../cli/errors.ts';
import { ProfileConfigError } from '../compat/custom.ts';
import { UnknownProfileError } from '../compat/resolve.ts';
import { ConfigError } from '../config/errors.ts';
import { BinfmtError, BinfmtFormatError } from '../emulate/binfmt/errors.ts';
import { LockFileError } from '../lock/lockfile.ts';
import { ProcessError, type RunResult } from '../process/run.ts';
import { SbomError } from '../sbom/build-info.ts';
import { SetupError } from '../setup/from-host.ts';
import { StripRefusedError } from '../strip/errors.ts';
import { VerifyConfigError } from '../verify/config.ts';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');

const result = (over: Partial<RunResult>): RunResult => ({
  command: 'go', args: ['build'], exitCode: 1, signal: null, stdout: '', stderr: '', timedOut: false, aborted: false, durationMs: 5, pid: 1, ...over,
});

const cases: Array<[name: string, error: unknown, kind: ErrorKind, code: number]> = [
  ['UsageError', new UsageError('Cannot use --jobs x'), 'usage', 2],
  ['TargetSyntaxError', new TargetSyntaxError('linux/arm/8', 'Cannot use target linux/arm/8'), 'usage', 2],
  ['UnknownProfileError', new UnknownProfileError(['centos6'], []), 'usage', 2],
  ['ToolchainError for --go', new ToolchainError('Cannot use Go toolchain /x: no such file'), 'usage', 2],
  ['ToolchainError with no Go at all', new ToolchainError('Cannot find a Go toolchain', { kind: 'environment' }), 'environment', 1],
  ['ConfigError', new ConfigError('gocross.config.yaml', [{ path: 'build.jobs', message: 'bad' }]), 'config', 2],
  ['LockFileError (a malformed gocross.lock)', new LockFileError('gocross.lock', 'not valid JSON'), 'config', 2],
  ['ProfileConfigError', new ProfileConfigError('profiles.x.glibc', 'not a version'), 'config', 2],
  ['VerifyConfigError', new VerifyConfigError('verify.smoke', 'bad'), 'config', 2],
  ['SetupError', new SetupError('Cannot plan setup: no package manager'), 'usage', 2],
  ['UnrecognizedFormatError', new UnrecognizedFormatError('not an executable'), 'input', 1],
  ['FormatError', new FormatError('Cannot read section header 3', 64), 'input', 1],
  ['BinaryIoError', new BinaryIoError('Cannot open x'), 'input', 1],
  ['StripRefusedError', new StripRefusedError('Cannot strip: object file'), 'input', 1],
  ['SbomError', new SbomError('Cannot make an SBOM'), 'input', 1],
  ['BinfmtFormatError', new BinfmtFormatError('register string', 'bad flag', 3), 'input', 1],
  ['CompilerNotFoundError', new CompilerNotFoundError('linux/arm64', 'Cannot build linux/arm64 with cgo'), 'environment', 1],
  ['BinfmtError', new BinfmtError('Cannot install: not root', 'run it with sudo'), 'environment', 1],
  ['ProcessError that could not start', new ProcessError(result({ exitCode: null }), Object.assign(new Error('spawn qemu ENOENT'), { code: 'ENOENT' })), 'environment', 1],
  ['ProcessError that failed', new ProcessError(result({})), 'failure', 1],
  ['ProcessError that was cancelled', new ProcessError(result({ aborted: true })), 'interrupted', 130],
  ['ExitError passing a program\'s code through', new ExitError(7), 'failure', 7],
  ['ExitError for an interrupt', new ExitError(130), 'interrupted', 130],
  ['a plain Error', new Error('boom'), 'failure', 1],
  ['a thrown string', 'boom', 'failure', 1],
];
for (const [name, error, kind, code] of cases) {
  test(`${name} is a '${kind}' error and exits ${code}`, () => {
    assert.equal(kindOf(error), kind);
    assert.equal(exitCodeOf(error), code);
    if (typeof error === 'object' && !(error as Error).message.startsWith('boom')) assert.ok(error instanceof GocrossError);
  });
}

test('BinfmtError and ProcessError keep their own fields beside the kind', () => {
  const b = new BinfmtError('Cannot install: not root', 'run it with sudo');
  assert.equal(b.fix, 'run it with sudo');
  assert.equal(b.name, 'BinfmtError');
  const p = new ProcessError(result({ exitCode: 3, stderr: 'a\nb\n' }));
  assert.equal(p.exitCode, 3, "ProcessError.exitCode is the child's");
  assert.equal(exitCodeOf(p), 1);
  assert.equal(p.longMessage, `${p.message}\na\nb`);
});

test('no error class outside core/errors.ts extends Error directly', async () => {
  const offenders: string[] = [];
  for (const entry of await readdir(SRC, { recursive: true })) {
    if (!entry.endsWith('.ts') || entry.endsWith('.test.ts') || entry === join('core', 'errors.ts')) continue;
    const text = await readFile(join(SRC, entry), 'utf8');
    for (const m of text.matchAll(/class (\w+) extends (Error|TypeError|RangeError)\b/g)) offenders.push(`${entry}: ${m[1]}`);
  }
  assert.deepEqual(offenders, []);
});

test('describeIoError() names the file and says the errno in words', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gocross-io-'));
  const isDir = await writeFile(dir, 'x').catch((e: unknown) => e);
  const e1 = describeIoError(isDir, 'dist/manifest.json', 'write');
  assert.equal(e1.message, 'Cannot write dist/manifest.json: is a directory');
  assert.equal(e1.kind, 'input');
  assert.equal(e1.cause, isDir);
  const missing = await readFile(join(dir, 'nope')).catch((e: unknown) => e);
  assert.equal(describeIoError(missing, 'nope', 'read').message, 'Cannot read nope: no such file or directory');
  const full = Object.assign(new Error("ENOSPC: no space left on device, write '/x'"), { code: 'ENOSPC' });
  assert.deepEqual([describeIoError(full, 'dist/app', 'write').message, describeIoError(full, 'dist/app', 'write').kind], ['Cannot write dist/app: no space left on device', 'environment']);
  const odd = Object.assign(new Error("ESTALE: stale file handle, open '/x'"), { code: 'ESTALE' });
  assert.equal(describeIoError(odd, 'x', 'read').message, 'Cannot read x: stale file handle');
  const ours = new GocrossError('input', 'Cannot read x: already explained');
  assert.equal(describeIoError(ours, 'x', 'read'), ours);
});
