/**
 * How the inspect renderers colour text without knowing about terminals: they take a Painter,
 * the command decides (TTY and no NO_COLOR → ANSI, otherwise the identity).
 */
import { paint, type Style } from '../output.ts';

export type Painter = (style: Style, text: string) => string;

/** No colour: returns the text unchanged. */
export const plain: Painter = (_style, text) => text;

/** A painter that colours when `enabled` (see useColor() in ../output.ts). */
export function painter(enabled: boolean): Painter {
  return enabled ? (style, text) => paint(true, style, text) : plain;
}
