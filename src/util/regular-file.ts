/**
 * Opening inputs without hanging: open(2) with O_NONBLOCK never waits for a FIFO's writer (or a
 * device), and anything that is not a regular file is refused by type, with the file named:
 * `Cannot read /tmp/f: not a regular file (a FIFO)`. O_NONBLOCK has no effect on regular files.
 */
import { closeSync, constants, fstatSync, openSync, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { GocrossError } from '../core/errors.ts';

const READ_NONBLOCK = constants.O_RDONLY | constants.O_NONBLOCK;

/** "a FIFO", "a directory", … for a message; null for a regular file. */
export function irregularKind(st: Stats): string | null {
  if (st.isFile()) return null;
  if (st.isFIFO()) return 'a FIFO';
  if (st.isDirectory()) return 'a directory';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a file';
}

/** The message for a path that is not a regular file. */
export function notRegularMessage(path: string, kind: string): string {
  return `Cannot read ${path}: not a regular file (${kind})`;
}

/** Opens `path` for reading, refusing what is not a regular file (GocrossError 'input'). */
export async function openRegular(path: string): Promise<FileHandle> {
  // Loaded here, not at the top: the binary readers import this file, and node:fs/promises (with
  // the readline and watcher modules it loads) is a measurable part of a single-file inspect.
  const { open } = await import('node:fs/promises');
  const handle = await open(path, READ_NONBLOCK);
  try {
    const kind = irregularKind(await handle.stat());
    if (kind) throw new GocrossError('input', notRegularMessage(path, kind));
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The synchronous form, for readers that pread(2) synchronously: returns the fd and its stats. */
export function openRegularSync(path: string): { fd: number; stats: Stats } {
  const fd = openSync(path, READ_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    const kind = irregularKind(stats);
    if (kind) throw new GocrossError('input', notRegularMessage(path, kind));
    return { fd, stats };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * Reads a whole regular file as UTF-8, refusing one larger than `maxBytes` (a config is never
 * megabytes; /dev/zero is refused by type before that).
 */
export async function readRegularFile(path: string, maxBytes = 16 * 1024 * 1024): Promise<string> {
  const handle = await openRegular(path);
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new GocrossError('input', `Cannot read ${path}: it is ${size} bytes, more than the ${maxBytes}-byte limit`);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
