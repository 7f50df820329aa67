/**
 * gocross.lock: the tool versions a project was verified with (Go, binutils, the C cross
 * compilers and QEMU per target arch). JSON, keys sorted, no timestamps, so it diffs cleanly.
 */
import { readFile } from 'node:fs/promises';
import { atomicWrite } from '../util/atomic-write.ts';
import { join } from 'node:path';
import { GocrossError, ioReason } from '../core/errors.ts';

export const LOCK_FILE = 'gocross.lock';

export interface ToolVersions {
  /** "go1.23.5" */
  go: string | null;
  binutils: string | null;
  /** C compiler version per GOARCH ("arm64": "12.2.0"). */
  cc: Record<string, string>;
  /** QEMU user-mode version per GOARCH. */
  qemu: Record<string, string>;
}

export interface LockFile {
  schemaVersion: 1;
  tools: ToolVersions;
}

/** A `config` error (exit 2): gocross.lock cannot be read or is malformed. */
export class LockFileError extends GocrossError {
  readonly path: string;
  constructor(path: string, message: string, options?: ErrorOptions) {
    super('config', `Cannot read ${path}: ${message}`, options);
    this.path = path;
  }
}

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

export function formatLock(tools: ToolVersions): string {
  const lock: LockFile = { schemaVersion: 1, tools: { go: tools.go, binutils: tools.binutils, cc: sorted(tools.cc), qemu: sorted(tools.qemu) } };
  return `${JSON.stringify(lock, null, 2)}\n`;
}

function stringRecord(path: string, key: string, value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new LockFileError(path, `tools.${key} must map GOARCH names to version strings (run 'gocross lock' to rewrite it)`);
  }
  return value as Record<string, string>;
}

export function parseLock(text: string, path = LOCK_FILE): LockFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new LockFileError(path, `not valid JSON: ${(error as Error).message} (run 'gocross lock' to rewrite it)`, { cause: error });
  }
  const obj = raw as { schemaVersion?: unknown; tools?: Record<string, unknown> };
  if (typeof raw !== 'object' || raw === null || obj.schemaVersion !== 1 || typeof obj.tools !== 'object' || obj.tools === null) {
    throw new LockFileError(path, "expected { schemaVersion: 1, tools: {…} } (run 'gocross lock' to rewrite it)");
  }
  const t = obj.tools;
  const str = (k: string): string | null => {
    const v = t[k];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') throw new LockFileError(path, `tools.${k} must be a version string`);
    return v;
  };
  return { schemaVersion: 1, tools: { go: str('go'), binutils: str('binutils'), cc: stringRecord(path, 'cc', t.cc), qemu: stringRecord(path, 'qemu', t.qemu) } };
}

/** The lock of the project in `dir`, or null when it has none. */
export async function readLock(dir: string): Promise<{ path: string; lock: LockFile } | null> {
  const path = join(dir, LOCK_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new LockFileError(path, ioReason(error), { cause: error });
  }
  return { path, lock: parseLock(text, path) };
}

/** Writes atomically (temp file + rename): an interrupted write leaves the old lock intact. */
export async function writeLock(dir: string, tools: ToolVersions): Promise<string> {
  const path = join(dir, LOCK_FILE);
  await atomicWrite(path, formatLock(tools));
  return path;
}
