/**
 * Recognises the executable formats the stripper refuses (PE, Mach-O) by magic, so the refusal
 * can name the format and point at the Go linker flags instead of failing as "not ELF".
 */

export function foreignExecutableKind(head: Uint8Array): string | null {
  if (head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a) return 'PE (Windows)';
  if (head.length < 4) return null;
  const be = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
  const le = ((head[3]! << 24) | (head[2]! << 16) | (head[1]! << 8) | head[0]!) >>> 0;
  if ([0xfeedface, 0xfeedfacf].includes(be) || [0xfeedface, 0xfeedfacf].includes(le)) return 'Mach-O (macOS)';
  if (be === 0xcafebabe || be === 0xcafebabf) return 'universal Mach-O (macOS)';
  return null;
}
