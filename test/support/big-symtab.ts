/**
 * Test support: a copy of a 64-bit little-endian ELF whose .symtab is moved to the end of the file
 * and grown to `bytes` — the real symbols first, then a hole of null symbols (sparse on disk).
 * A "huge binary" for progress tests without linking one.
 */
import { copyFile, open } from 'node:fs/promises';

export async function withBigSymtab(elf: string, out: string, bytes: number): Promise<void> {
  await copyFile(elf, out);
  const handle = await open(out, 'r+');
  try {
    const header = Buffer.alloc(64);
    await handle.read(header, 0, 64, 0);
    if (header.readUInt32BE(0) !== 0x7f454c46 || header[4] !== 2 || header[5] !== 1) throw new Error(`${elf}: not a 64-bit little-endian ELF`);
    const shoff = Number(header.readBigUInt64LE(0x28));
    const shentsize = header.readUInt16LE(0x3a);
    const shnum = header.readUInt16LE(0x3c);
    const sh = Buffer.alloc(shentsize);
    for (let i = 0; i < shnum; i++) {
      await handle.read(sh, 0, shentsize, shoff + i * shentsize);
      if (sh.readUInt32LE(4) !== 2) continue;
      const size = Number(sh.readBigUInt64LE(0x20));
      const symbols = Buffer.alloc(size);
      await handle.read(symbols, 0, size, Number(sh.readBigUInt64LE(0x18)));
      const end = (await handle.stat()).size;
      const at = Math.ceil(end / 8) * 8;
      const grown = Math.max(size, Math.floor(bytes / 24) * 24);
      await handle.write(symbols, 0, size, at);
      await handle.truncate(at + grown);
      sh.writeBigUInt64LE(BigInt(at), 0x18);
      sh.writeBigUInt64LE(BigInt(grown), 0x20);
      await handle.write(sh, 0, shentsize, shoff + i * shentsize);
      return;
    }
    throw new Error(`${elf}: no .symtab`);
  } finally {
    await handle.close();
  }
}
