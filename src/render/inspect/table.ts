/** Aligned text columns for the inspect detail block; widths ignore ANSI colour codes. */

const ANSI = /\u001b\[[0-9;]*m/g;

function visibleWidth(text: string): number {
  return text.replace(ANSI, '').length;
}

export interface TableOptions {
  indent?: string;
  /** Columns to right-align (numbers). */
  right?: number[];
}

/** Renders rows as lines with columns padded to the widest cell; the last column is not padded. */
export function table(rows: readonly (readonly string[])[], options: TableOptions = {}): string[] {
  const indent = options.indent ?? '';
  const right = new Set(options.right ?? []);
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, visibleWidth(cell));
    });
  }
  return rows.map((row) => {
    const cells = row.map((cell, i) => {
      const pad = ' '.repeat((widths[i] ?? 0) - visibleWidth(cell));
      if (right.has(i)) return pad + cell;
      return i === row.length - 1 ? cell : cell + pad;
    });
    return (indent + cells.join('  ')).trimEnd();
  });
}

/**
 * 1234567 → "1,234,567". By hand for integers: the first toLocaleString() of a process loads ICU's
 * number formatting, ~20 ms of a single-file `gocross inspect` (bench/inspect-vs-go.ts).
 */
export function groupDigits(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}
