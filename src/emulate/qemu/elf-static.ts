/**
 * Is a host executable statically linked (no PT_INTERP)? A few bytes of the ELF header and
 * program headers answer it; used on QEMU interpreters, where static matters because a dynamic
 * interpreter cannot start inside a chroot or container that lacks the host's libraries.
 */
import { open } from 'node:fs/promises';

const PT_INTERP = 3;

/** true = static, false = dynamic, null = not a readable ELF (e.g. a script wrapper). */
function elfIsStatic(bytes: Uint8Array): boolean | null {
  if (bytes.length < 52 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) return null;
  const is64 = bytes[4] === 2;
  const le = bytes[5] === 1;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (is64 && bytes.length < 64) return null;
  const phoff = is64 ? Number(view.getBigUint64(32, le)) : view.getUint32(28, le);
  const phentsize = view.getUint16(is64 ? 54 : 42, le);
  const phnum = view.getUint16(is64 ? 56 : 44, le);
  if (phentsize === 0) return null;
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + 4 > bytes.length) return null;
    if (view.getUint32(at, le) === PT_INTERP) return false;
  }
  return true;
}

export async function fileIsStatic(path: string): Promise<boolean | null> {
  let fh;
  try {
    fh = await open(path, 'r');
    const buf = new Uint8Array(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return elfIsStatic(buf.subarray(0, bytesRead));
  } catch {
    return null;
  } finally {
    await fh?.close();
  }
}
