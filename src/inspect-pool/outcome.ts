/**
 * What inspecting one file produced, as plain data that crosses a worker boundary unchanged:
 * the facts, or why there are none. Never throws.
 */
import { BinaryError, type BinaryErrorCode } from '../binary/errors.ts';
import { inspectFile } from '../binary/inspect.ts';
import type { BinaryInfo } from '../binary/types.ts';

export interface InspectFailure {
  code: BinaryErrorCode;
  message: string;
  /** Byte offset of the problem, for format errors. */
  offset?: number;
}

export type InspectOutcome = { path: string; ok: true; info: BinaryInfo } | { path: string; ok: false; error: InspectFailure };

/** A file-system error in words (`no such file or directory`), for messages that name the path. */
export function fileReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'no such file or directory';
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  if (e?.code === 'ELOOP') return 'too many levels of symbolic links';
  return e?.message ?? String(error);
}

export async function inspectOutcome(path: string): Promise<InspectOutcome> {
  try {
    return { path, ok: true, info: await inspectFile(path) };
  } catch (error) {
    if (error instanceof BinaryError) {
      return { path, ok: false, error: { code: error.code, message: error.message, ...(error.offset !== undefined && error.code === 'format-error' ? { offset: error.offset } : {}) } };
    }
    return { path, ok: false, error: { code: 'io-error', message: `Cannot inspect ${path}: ${fileReason(error)}` } };
  }
}
