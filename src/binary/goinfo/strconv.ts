/**
 * The part of Go's strconv that modinfo needs: Unquote and QuotedPrefix for "…" and `…` strings.
 * Go writes build settings with strconv.Quote when they hold spaces, tabs, newlines or quotes.
 */

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

interface Scan {
  value: string;
  /** Index just past the closing quote. */
  end: number;
}

/** Scans one quoted Go string starting at text[start]; null when it is not a valid one. */
function scanQuoted(text: string, start: number): Scan | null {
  const quote = text[start];
  if (quote === '`') {
    const close = text.indexOf('`', start + 1);
    if (close < 0) return null;
    return { value: text.slice(start + 1, close).replaceAll('\r', ''), end: close + 1 };
  }
  if (quote !== '"') return null;
  let out = '';
  // Escapes \x and octal produce bytes; collect them and decode as UTF-8 together.
  let bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length > 0) {
      out += new TextDecoder().decode(new Uint8Array(bytes));
      bytes = [];
    }
  };
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      flush();
      return { value: out, end: i + 1 };
    }
    if (c === '\n') return null;
    if (c !== '\\') {
      flush();
      const cp = text.codePointAt(i)!;
      out += String.fromCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = text[i + 1];
    if (e === undefined) return null;
    if (e in SIMPLE_ESCAPES) {
      flush();
      out += SIMPLE_ESCAPES[e];
      i += 2;
    } else if (e === 'x') {
      const h = text.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) return null;
      bytes.push(parseInt(h, 16));
      i += 4;
    } else if (e >= '0' && e <= '7') {
      const o = text.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(o) || parseInt(o, 8) > 255) return null;
      bytes.push(parseInt(o, 8));
      i += 4;
    } else if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      const h = text.slice(i + 2, i + 2 + n);
      if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) return null;
      const cp = parseInt(h, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) return null;
      flush();
      out += String.fromCodePoint(cp);
      i += 2 + n;
    } else {
      return null;
    }
  }
  return null;
}

/** Go strconv.Unquote for double- and back-quoted strings; null when `text` is not exactly one. */
export function unquote(text: string): string | null {
  const s = scanQuoted(text, 0);
  return s && s.end === text.length ? s.value : null;
}

/** Go strconv.QuotedPrefix: the quoted string at the start of `text` (raw, with quotes), or null. */
export function quotedPrefix(text: string): string | null {
  const s = scanQuoted(text, 0);
  return s ? text.slice(0, s.end) : null;
}
