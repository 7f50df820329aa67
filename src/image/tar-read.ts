/**
 * Reading one entry out of a layer's tar: ustar and GNU headers, pax `path`/`linkpath` records and
 * GNU long names, as Docker, BuildKit and Go's archive/tar write them. Pure: takes the bytes,
 * bounds-checks every header, fails with the byte offset.
 */
import { GocrossError } from '../core/errors.ts';

const BLOCK = 512;

export type TarFound = { type: 'file'; content: Uint8Array } | { type: 'symlink'; target: string } | { type: 'other'; typeflag: string };

function fail(offset: number, why: string): never {
  throw new GocrossError('input', `Cannot read the layer's tar: ${why} at byte 0x${offset.toString(16)}`);
}

function text(block: Uint8Array, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return Buffer.from(end < 0 ? field : field.subarray(0, end)).toString('utf8');
}

function number(block: Uint8Array, offset: number, length: number, at: number): number {
  // GNU base-256: the high bit of the first byte set, big-endian in the rest.
  if (block[offset]! & 0x80) {
    let n = block[offset]! & 0x7f;
    for (let i = 1; i < length; i++) n = n * 256 + block[offset + i]!;
    return n;
  }
  const digits = text(block, offset, length).trim();
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) fail(at + offset, `size field ${JSON.stringify(digits)} is not octal`);
  return parseInt(digits, 8);
}

/** pax extended header records: "<length> <key>=<value>\n". */
function paxRecords(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const s = Buffer.from(data).toString('utf8');
  for (const m of s.matchAll(/(\d+) ([^=]+)=([^\n]*)\n/g)) out[m[2]!] = m[3]!;
  return out;
}

const clean = (path: string): string => path.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');

/** The entry at `path` (with or without a leading "/"), the last one if the tar holds it twice; undefined when absent. */
export function findInTar(tar: Uint8Array, path: string): TarFound | undefined {
  const wanted = clean(path);
  let found: TarFound | undefined;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  for (let at = 0; at < tar.length; ) {
    if (at + BLOCK > tar.length) fail(at, `header cut short (${tar.length} bytes)`);
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = number(header, 124, 12, at);
    const typeflag = String.fromCharCode(header[156]!) || '0';
    const dataStart = at + BLOCK;
    if (dataStart + size > tar.length) fail(at, `entry of ${size} bytes runs past the end (${tar.length} bytes)`);
    const data = tar.subarray(dataStart, dataStart + size);
    const next = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (typeflag === 'x') pax = paxRecords(data);
    else if (typeflag === 'L') longName = text(data, 0, data.length);
    else if (typeflag === 'K') longLink = text(data, 0, data.length);
    else if (typeflag !== 'g') {
      const prefix = Buffer.from(header.subarray(257, 263)).toString('latin1') === 'ustar\0' ? text(header, 345, 155) : '';
      const name = pax.path ?? longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
      if (clean(name) === wanted) {
        if (typeflag === '0' || typeflag === '\0' || typeflag === '7') found = { type: 'file', content: data };
        else if (typeflag === '2') found = { type: 'symlink', target: pax.linkpath ?? longLink ?? text(header, 157, 100) };
        else found = { type: 'other', typeflag };
      }
      pax = {};
      longName = undefined;
      longLink = undefined;
    }
    at = next;
  }
  return found;
}
