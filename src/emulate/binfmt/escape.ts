/**
 * The `\xHH` escapes of binfmt_misc magic and mask fields. The kernel's scanarg() requires two hex
 * digits after `\x`, and string_unescape_inplace(UNESCAPE_HEX) turns only `\xHH` into a byte:
 * every other character (including a lone backslash) stands for itself.
 */

const HEX = /^[0-9a-fA-F]$/;

/** Decodes an escaped field into bytes, or returns the index of the bad escape. */
export function unescapeField(text: string): { bytes: Uint8Array } | { badEscapeAt: number } {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c && text[i + 1] === 'x') {
      const h1 = text[i + 2] ?? '';
      const h2 = text[i + 3] ?? '';
      if (!HEX.test(h1) || !HEX.test(h2)) return { badEscapeAt: i };
      out.push(parseInt(h1 + h2, 16));
      i += 3;
      continue;
    }
    if (c > 0xff) {
      // Multi-byte UTF-8 characters reach the kernel as their bytes.
      out.push(...new TextEncoder().encode(text[i]!));
      continue;
    }
    out.push(c);
  }
  return { bytes: Uint8Array.from(out) };
}

/**
 * Encodes bytes the way qemu-binfmt-conf.sh writes them: every byte as `\xHH`, so the string
 * never contains the delimiter, a NUL, a newline or a backslash sequence the shell might eat.
 */
export function escapeBytes(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += `\\x${b.toString(16).padStart(2, '0')}`;
  return s;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function fromHex(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}
