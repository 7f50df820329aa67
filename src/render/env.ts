/** `gocross env` as text: each variable, the layer that set it (coloured) and what it shadows. Values come from the environment and go env files: printable(). */
import type { GoEnvEntry, GoEnvLayer } from '../gobuild/goenv.ts';
import { paint, type Style } from './style.ts';
import { printable } from '../util/printable.ts';

const LAYER_STYLE: Record<GoEnvLayer, Style> = {
  'gocross-target': 'cyan',
  process: 'magenta',
  gocross: 'cyan',
  'user-goenv': 'yellow',
  'goroot-go.env': 'blue',
  default: 'gray',
};

export function renderGoEnv(variables: readonly GoEnvEntry[], color: boolean): string {
  const width = Math.max(...variables.map((v) => v.name.length));
  let text = '';
  for (const v of variables) {
    const shadow = v.shadowed.length > 0 ? paint(color, 'gray', `  (over ${v.shadowed.map((s) => `${s.source}=${printable(s.value)}`).join(', ')})`) : '';
    text += `${v.name.padEnd(width)}  ${paint(color, LAYER_STYLE[v.source], `[${v.source}]`.padEnd(16))} ${printable(v.value)}${shadow}\n`;
  }
  return text;
}
