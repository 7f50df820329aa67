/**
 * Terminal styling, the one place that decides about colour and live progress: colour only on a
 * TTY and never with NO_COLOR or TERM=dumb (FORCE_COLOR overrides), plain progress lines in CI or
 * a pipe. Renderers take a Painter or a `color` flag and never look at the terminal themselves.
 */

export interface Out {
  write(text: string): void;
  isTTY: boolean;
  color: boolean;
}

function useColor(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

export function stdout(): Out {
  return { write: (t) => void process.stdout.write(t), isTTY: Boolean(process.stdout.isTTY), color: useColor(process.stdout) };
}

export function stderr(): Out {
  return { write: (t) => void process.stderr.write(t), isTTY: Boolean(process.stderr.isTTY), color: useColor(process.stderr) };
}

const codes = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1, dim: 2 } as const;
export type Style = keyof typeof codes;

export function paint(enabled: boolean, style: Style, text: string): string {
  return enabled ? `\u001b[${codes[style]}m${text}\u001b[0m` : text;
}

/** True when progress should be plain lines (CI or not a TTY). */
export function plainProgress(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  return !stream.isTTY || env.CI === 'true' || env.CI === '1';
}

/** How renderers colour text without knowing about terminals: the caller picks the painter. */
export type Painter = (style: Style, text: string) => string;

/** No colour: returns the text unchanged. */
export const plain: Painter = (_style, text) => text;

/** A painter that colours when `enabled` (see useColor()). */
export function painter(enabled: boolean): Painter {
  return enabled ? (style, text) => paint(true, style, text) : plain;
}
