/**
 * Untrusted text made safe for a terminal. Strings read from binaries (PT_INTERP, DT_NEEDED,
 * section names, Go module paths, build settings), file names, configs and remote hosts go through
 * `printable` before a renderer prints them, so a crafted binary cannot clear the screen, recolour
 * the output or spoof extra lines. The escapes follow what `file(1)` (`file_printable`) and
 * `ls -b` show: C escapes for the common controls, `\xNN` for the rest, `\u{…}` for the Unicode
 * controls that reorder or hide text. JSON output never goes through here: it stays exact.
 */

const NAMED: Readonly<Record<string, string>> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
  '\v': '\\v',
  '\\': '\\\\',
};

// C0 controls, DEL, C1 controls (0x80–0x9f: CSI is 0x9b), and the bidirectional / zero-width
// format characters that can make a line read differently from what it holds (Trojan Source).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\\]/gu;

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** The text with every control, escape sequence and line break shown escaped (`\x1b`, `\n`). */
export function printable(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** True when `printable(text)` would change nothing. */
export function isPrintable(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return !found;
}

/**
 * Multi-line text (an error message with its fix, a tool's stderr tail) made safe line by line: the
 * line breaks and tabs it is laid out with stay, everything else `printable` escapes is escaped.
 */
export function printableLines(text: string): string {
  return text.split('\n').map((line) => line.split('\t').map(printable).join('\t')).join('\n');
}

/**
 * A copy of a value with every string in it (object keys too) made printable: for renderers that
 * show many fields of one untrusted record (a BinaryInfo), so none is forgotten.
 */
export function printableDeep<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => printableDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [printable(k), printableDeep(v)])) as T;
  }
  return value;
}
