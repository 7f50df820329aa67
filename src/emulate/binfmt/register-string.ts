/**
 * Parse and build binfmt_misc register strings `:name:type:offset:magic:mask:interpreter:flags`,
 * accepting exactly what Linux fs/binfmt_misc.c create_entry() accepts (the first character is
 * the delimiter; 11..1920 bytes; M: decimal offset, magic with \xHH escapes, optional mask of the
 * same decoded length, magic+offset within BINPRM_BUF_SIZE; E: extension without '/'; flags only
 * P, O, C, F then an optional newline).
 */
import { BinfmtFormatError } from './errors.ts';
import { escapeBytes, fromHex, toHex, unescapeField } from './escape.ts';
import { normaliseFlags, type BinfmtFlag, type BinfmtRule } from './types.ts';

/** fs/binfmt_misc.c MAX_REGISTER_LENGTH. */
export const MAX_REGISTER_LENGTH = 1920;
export const MIN_REGISTER_LENGTH = 11;
/** include/linux/binfmts.h BINPRM_BUF_SIZE since Linux 5.1 (128 before). */
export const BINPRM_BUF_SIZE = 256;
export const OLD_BINPRM_BUF_SIZE = 128;

export interface ParseOptions {
  /** The kernel's BINPRM_BUF_SIZE (default 256; pass 128 for kernels before 5.1). */
  bufSize?: number;
}

const FLAG_CHARS = new Set(['P', 'O', 'C', 'F']);

function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Parses a register string; throws BinfmtFormatError where the kernel would answer EINVAL. */
export function parseRegisterString(text: string, options: ParseOptions = {}): BinfmtRule {
  const bufSize = options.bufSize ?? BINPRM_BUF_SIZE;
  const fail = (field: string, message: string, at: number): never => {
    throw new BinfmtFormatError(field, message, at);
  };
  const length = byteLength(text);
  if (length < MIN_REGISTER_LENGTH || length > MAX_REGISTER_LENGTH) {
    fail('register string', `length ${length} is outside ${MIN_REGISTER_LENGTH}..${MAX_REGISTER_LENGTH} bytes`, 0);
  }
  const del = text[0]!;
  let pos = 1;
  /** The text up to the next delimiter; the kernel pads the buffer with delimiters, so a missing last one is an error only for inner fields. */
  const field = (name: string): string => {
    const end = text.indexOf(del, pos);
    if (end < 0) fail(name, `missing delimiter '${del}' after the field`, text.length);
    const value = text.slice(pos, end);
    pos = end + 1;
    return value;
  };

  const nameAt = pos;
  const name = field('name');
  if (name === '' || name === '.' || name === '..' || name.includes('/')) {
    fail('name', `'${name}' is not a valid entry name (non-empty, not '.' or '..', no '/')`, nameAt);
  }
  const typeAt = pos;
  const type = text[pos];
  if (type !== 'M' && type !== 'E') fail('type', `'${type ?? ''}' is not M (magic) or E (extension)`, typeAt);
  pos++;
  if (text[pos] !== del) fail('type', `expected '${del}' after the type`, pos);
  pos++;

  let offset = 0;
  let magic: string | null = null;
  let mask: string | null = null;
  let extension: string | null = null;
  if (type === 'M') {
    const offsetAt = pos;
    const offsetText = field('offset');
    if (offsetText !== '') {
      if (!/^\+?\d+$/.test(offsetText)) fail('offset', `'${offsetText}' is not a non-negative decimal number`, offsetAt);
      offset = Number(offsetText);
      if (offset > 0x7fffffff) fail('offset', `${offsetText} does not fit in an int`, offsetAt);
    }
    const magicAt = pos;
    const magicText = field('magic');
    if (magicText === '') fail('magic', 'the magic is empty', magicAt);
    const decodedMagic = unescapeField(magicText);
    if ('badEscapeAt' in decodedMagic) fail('magic', '\\x must be followed by two hex digits', magicAt + decodedMagic.badEscapeAt);
    const magicBytes = (decodedMagic as { bytes: Uint8Array }).bytes;
    const maskAt = pos;
    const maskText = field('mask');
    if (maskText !== '') {
      const decodedMask = unescapeField(maskText);
      if ('badEscapeAt' in decodedMask) fail('mask', '\\x must be followed by two hex digits', maskAt + decodedMask.badEscapeAt);
      const maskBytes = (decodedMask as { bytes: Uint8Array }).bytes;
      if (maskBytes.length !== magicBytes.length) {
        fail('mask', `decodes to ${maskBytes.length} bytes but the magic has ${magicBytes.length}`, maskAt);
      }
      mask = toHex(maskBytes);
    }
    if (magicBytes.length > bufSize || bufSize - magicBytes.length < offset) {
      fail('magic', `offset ${offset} + ${magicBytes.length} magic bytes exceed the kernel's ${bufSize}-byte header buffer`, magicAt);
    }
    magic = toHex(magicBytes);
  } else {
    field('offset'); // ignored by the kernel for E entries
    const extAt = pos;
    extension = field('extension');
    if (extension === '' || extension.includes('/')) fail('extension', `'${extension}' is not a valid extension (non-empty, no '/')`, extAt);
    field('mask'); // ignored for E entries
  }
  const interpAt = pos;
  const interpreter = field('interpreter');
  if (interpreter === '') fail('interpreter', 'the interpreter path is empty', interpAt);

  const flags: BinfmtFlag[] = [];
  while (pos < text.length && FLAG_CHARS.has(text[pos]!)) flags.push(text[pos++] as BinfmtFlag);
  if (text[pos] === '\n') pos++;
  if (pos !== text.length) {
    fail('flags', `unexpected '${JSON.stringify(text[pos]).slice(1, -1)}' (flags are P, O, C and F only)`, pos);
  }
  return { name, type: type as 'M' | 'E', offset, magic, mask, extension, interpreter, flags: normaliseFlags(flags) };
}

/** Characters tried as the delimiter, in order, when a field contains ':'. */
const DELIMITERS = [':', '|', ',', ';', '#', '!', '@', '%', '~'];

/**
 * Builds the register string for a rule (magic and mask fully \xHH-escaped, like
 * qemu-binfmt-conf.sh), then re-parses it so a rule the kernel would reject never leaves here.
 */
export function buildRegisterString(rule: BinfmtRule, options: ParseOptions = {}): string {
  const magicBytes = rule.magic === null ? null : fromHex(rule.magic);
  const maskBytes = rule.mask === null ? null : fromHex(rule.mask);
  if (rule.type === 'M' && !magicBytes) throw new BinfmtFormatError('magic', 'an M rule needs magic bytes as hex', 0);
  if (rule.mask !== null && !maskBytes) throw new BinfmtFormatError('mask', `'${rule.mask}' is not hex`, 0);
  const parts =
    rule.type === 'M'
      ? [rule.name, 'M', String(rule.offset), escapeBytes(magicBytes!), maskBytes ? escapeBytes(maskBytes) : '', rule.interpreter]
      : [rule.name, 'E', '', rule.extension ?? '', '', rule.interpreter];
  const del = DELIMITERS.find((d) => parts.every((p) => !p.includes(d)));
  if (!del) throw new BinfmtFormatError('register string', 'every delimiter candidate occurs in a field', 0);
  const text = `${del}${parts.join(del)}${del}${normaliseFlags(rule.flags).join('')}`;
  parseRegisterString(text, options);
  return text;
}
