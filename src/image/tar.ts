/**
 * A deterministic POSIX ustar writer for image layers: every header field that could leak the
 * build machine (uid, gid, uname, gname, mtime) is fixed, entries are written in the order given
 * (callers sort them), and the output is a list of buffers so a 100 MB binary is never copied.
 * Format: POSIX.1-1988 ustar (pax(1) "ustar Interchange Format"), as Go's archive/tar writes it.
 */
import { GocrossError } from '../core/errors.ts';

export type TarEntry =
  | { type: 'dir'; path: string; mode: number }
  | { type: 'file'; path: string; mode: number; content: Uint8Array }
  | { type: 'symlink'; path: string; target: string };

const BLOCK = 512;

function writeString(header: Buffer, offset: number, length: number, value: string, field: string, path: string): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) throw new GocrossError('input', `Cannot write tar entry ${JSON.stringify(path)}: ${field} is longer than ${length} bytes`, { fix: 'use a shorter path inside the image' });
  bytes.copy(header, offset);
}

function writeOctal(header: Buffer, offset: number, length: number, value: number): void {
  // length-1 octal digits, zero-padded, then NUL (what Go's archive/tar and GNU tar write).
  header.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'latin1');
}

/** ustar keeps names over 100 bytes as prefix (≤155) "/" name (≤100), split at a slash. */
function splitName(path: string): { prefix: string; name: string } {
  if (Buffer.byteLength(path) <= 100) return { prefix: '', name: path };
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name !== '') return { prefix, name };
  }
  throw new GocrossError('input', `Cannot write tar entry ${JSON.stringify(path)}: the path does not fit a ustar header (name 100 bytes, prefix 155)`, { fix: 'use a shorter path inside the image' });
}

export function tarHeader(entry: TarEntry, mtime: number): Buffer {
  const header = Buffer.alloc(BLOCK);
  const path = entry.type === 'dir' && !entry.path.endsWith('/') ? `${entry.path}/` : entry.path;
  const { prefix, name } = splitName(path);
  writeString(header, 0, 100, name, 'name', path);
  writeOctal(header, 100, 8, entry.type === 'symlink' ? 0o777 : entry.mode & 0o7777);
  writeOctal(header, 108, 8, 0); // uid
  writeOctal(header, 116, 8, 0); // gid
  writeOctal(header, 124, 12, entry.type === 'file' ? entry.content.length : 0);
  writeOctal(header, 136, 12, mtime);
  header.fill(0x20, 148, 156); // checksum field counts as spaces while summing
  header.write(entry.type === 'file' ? '0' : entry.type === 'dir' ? '5' : '2', 156, 1, 'latin1');
  if (entry.type === 'symlink') writeString(header, 157, 100, entry.target, 'link target', path);
  header.write('ustar\0', 257, 6, 'latin1');
  header.write('00', 263, 2, 'latin1');
  // uname/gname stay empty: no build-machine user names leak into the layer.
  writeOctal(header, 329, 8, 0);
  writeOctal(header, 337, 8, 0);
  writeString(header, 345, 155, prefix, 'prefix', path);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return header;
}

/** The archive as chunks: header, content, padding per entry, then two zero blocks. */
export function tarChunks(entries: readonly TarEntry[], mtime: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (const entry of entries) {
    chunks.push(tarHeader(entry, mtime));
    if (entry.type === 'file' && entry.content.length > 0) {
      chunks.push(Buffer.from(entry.content.buffer, entry.content.byteOffset, entry.content.length));
      const pad = (BLOCK - (entry.content.length % BLOCK)) % BLOCK;
      if (pad) chunks.push(Buffer.alloc(pad));
    }
  }
  chunks.push(Buffer.alloc(2 * BLOCK));
  return chunks;
}
