/**
 * `gocross strip --compare`: the table users make by hand. Every row is produced into a private
 * temp dir, measured (size, still runs with the original's output, still carries Go build info)
 * and removed again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileSource } from '../binary/byte-source.ts';
import { run } from '../process/run.ts';
import { readElfGoBuildInfo } from './elf-exe.ts';
import { STRIP_MODES } from './policy.ts';
import { stripFile } from './strip-file.ts';
import { findBinutils, findOnPath, runElf, type RunOutcome } from './tools.ts';

export interface CompareRow {
  label: string;
  /** The command that made it (for the report). */
  how: string;
  size: number | null;
  /** Fraction of the original size saved (0.3 = 30 % smaller). */
  reduction: number | null;
  /** true/false, or null when this host cannot run the binary. */
  runs: boolean | null;
  hasBuildInfo: boolean | null;
  /** Why the row could not be produced, when it could not. */
  error?: string;
}

export interface CompareOptions {
  /** Go source directory to rebuild with -ldflags="-s -w". */
  source?: string;
  /** Go toolchain for the rebuild (default `go` on PATH). */
  go?: string;
  /** Arguments to run each binary with (default none). */
  args?: string[];
  onProgress?: (label: string) => void;
}

async function facts(file: string): Promise<{ size: number; head: Uint8Array; hasBuildInfo: boolean | null; goarch: string | null; settings: Record<string, string> }> {
  const source = await fileSource(file);
  try {
    const head = (await source.read(0, Math.min(64, source.size), 'file header')).slice();
    try {
      const info = await readElfGoBuildInfo(source);
      return { size: source.size, head, hasBuildInfo: info !== null, goarch: info?.settings.GOARCH ?? null, settings: info?.settings ?? {} };
    } catch {
      return { size: source.size, head, hasBuildInfo: false, goarch: null, settings: {} };
    }
  } finally {
    await source.close();
  }
}

function sameRun(a: RunOutcome | null, b: RunOutcome | null): boolean | null {
  if (!a || !b) return null;
  return a.exitCode === b.exitCode && a.stdout === b.stdout;
}

/** Environment and flags that rebuild the same target as the original (from its build settings). */
function rebuildArgs(settings: Record<string, string>): { env: Record<string, string>; flags: string[] } {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(settings)) if (/^(GO[A-Z0-9]+|CGO_[A-Z]+)$/.test(k)) env[k] = v;
  const flags: string[] = [];
  if (settings['-trimpath'] === 'true') flags.push('-trimpath');
  if (settings['-buildmode'] && settings['-buildmode'] !== 'exe') flags.push(`-buildmode=${settings['-buildmode']}`);
  if (settings['-tags']) flags.push(`-tags=${settings['-tags']}`);
  return { env, flags };
}

export async function compareStrip(file: string, options: CompareOptions = {}): Promise<CompareRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'gocross-strip-compare-'));
  try {
    const original = await facts(file);
    const args = options.args ?? [];
    const baseline = await runElf(file, original.head, args).catch(() => null);
    const rows: CompareRow[] = [
      { label: 'original', how: file, size: original.size, reduction: 0, runs: baseline ? baseline.exitCode === 0 : null, hasBuildInfo: original.hasBuildInfo },
    ];
    const measure = async (label: string, how: string, make: (out: string) => Promise<void>): Promise<void> => {
      options.onProgress?.(label);
      const out = join(dir, label.replace(/[^\w.-]+/g, '_'));
      try {
        await make(out);
        const f = await facts(out);
        const result = baseline ? await runElf(out, f.head, args).catch(() => null) : null;
        rows.push({ label, how, size: f.size, reduction: 1 - f.size / original.size, runs: sameRun(baseline, result), hasBuildInfo: f.hasBuildInfo });
      } catch (error) {
        rows.push({ label, how, size: null, reduction: null, runs: null, hasBuildInfo: null, error: ((error as Error).message ?? String(error)).split('\n')[0] });
      }
    };
    for (const mode of STRIP_MODES) {
      await measure(`gocross strip --mode ${mode}`, `gocross strip --mode ${mode}`, async (out) => void (await stripFile(file, { mode, output: out })));
    }
    const strip = await findBinutils('strip', file, original.goarch);
    if (strip) await measure('strip --strip-unneeded', `${strip} --strip-unneeded`, async (out) => void (await run(strip, ['--strip-unneeded', '-o', out, resolve(file)], { timeoutMs: 120_000 })));
    const objcopy = await findBinutils('objcopy', file, original.goarch);
    if (objcopy) await measure('objcopy --strip-all', `${objcopy} --strip-all`, async (out) => void (await run(objcopy, ['--strip-all', resolve(file), out], { timeoutMs: 120_000 })));
    if (options.source) {
      const go = options.go ?? findOnPath('go') ?? 'go';
      const { env, flags } = rebuildArgs(original.settings);
      await measure('go build -ldflags="-s -w"', `${go} build ${[...flags, '-ldflags=-s -w'].join(' ')}`, async (out) => {
        await run(go, ['build', ...flags, '-ldflags=-s -w', '-o', out, '.'], { cwd: options.source, env: { ...process.env, ...env }, timeoutMs: 10 * 60_000 });
      });
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
