/**
 * A small inline SVG line chart (no script, no external assets): one polyline per series over the
 * sample index, horizontal lines for thresholds, dashed verticals where one measurement ends and the
 * next begins. NaN and ±Inf cannot be placed on an axis: they break the line and are counted in the
 * caption instead of silently dropped.
 */
import { esc } from './html-escape.ts';

export interface LineSeries {
  label: string;
  /** CSS class of the polyline, e.g. "canary" or "baseline". */
  className: string;
  values: readonly number[];
}

export interface HorizontalLine {
  label: string;
  value: number;
}

export interface LineChartInput {
  title: string;
  series: readonly LineSeries[];
  lines?: readonly HorizontalLine[];
  /** Sample indexes where a new measurement starts (drawn as dashed verticals). */
  breaks?: readonly number[];
  width?: number;
  height?: number;
}

const PAD = { left: 56, right: 12, top: 10, bottom: 22 };

const label = (n: number): string => (Number.isInteger(n) ? String(n) : Number(n.toPrecision(4)).toString());

/** The y range over every finite sample and line, widened when flat so a constant still shows. */
function range(values: readonly number[]): { min: number; max: number } {
  if (values.length === 0) return { min: 0, max: 1 };
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  return { min, max };
}

/** Runs of finite samples, each as "x,y x,y …": a NaN splits the line rather than joining across it. */
function runs(values: readonly number[], x: (i: number) => number, y: (v: number) => number): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (Number.isFinite(v)) current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    else if (current.length) {
      out.push(current);
      current = [];
    }
  });
  if (current.length) out.push(current);
  return out;
}

export function renderLineChart(input: LineChartInput): string {
  const width = input.width ?? 480;
  const height = input.height ?? 140;
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const lines = (input.lines ?? []).filter((l) => Number.isFinite(l.value));
  const finite = input.series.flatMap((s) => s.values.filter(Number.isFinite));
  const { min, max } = range([...finite, ...lines.map((l) => l.value)]);
  const samples = Math.max(1, ...input.series.map((s) => s.values.length));
  const x = (i: number): number => PAD.left + (samples === 1 ? plotW / 2 : (i / (samples - 1)) * plotW);
  const y = (v: number): number => PAD.top + (1 - (v - min) / (max - min)) * plotH;

  const parts: string[] = [
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" class="plot"/>`,
    `<text x="${PAD.left - 6}" y="${PAD.top + 10}" text-anchor="end" class="axis">${esc(label(max))}</text>`,
    `<text x="${PAD.left - 6}" y="${PAD.top + plotH}" text-anchor="end" class="axis">${esc(label(min))}</text>`,
    `<text x="${PAD.left}" y="${height - 6}" class="axis">sample 1</text>`,
    `<text x="${PAD.left + plotW}" y="${height - 6}" text-anchor="end" class="axis">${samples}</text>`,
  ];
  for (const b of input.breaks ?? []) {
    const bx = (x(b - 1) + x(b)) / 2;
    parts.push(`<line x1="${bx.toFixed(1)}" y1="${PAD.top}" x2="${bx.toFixed(1)}" y2="${PAD.top + plotH}" class="break"/>`);
  }
  for (const l of lines) {
    const ly = y(l.value).toFixed(1);
    parts.push(`<line x1="${PAD.left}" y1="${ly}" x2="${PAD.left + plotW}" y2="${ly}" class="threshold"><title>${esc(`${l.label}: ${label(l.value)}`)}</title></line>`);
  }
  for (const s of input.series) {
    const title = `<title>${esc(`${s.label}: ${s.values.length} samples`)}</title>`;
    for (const run of runs(s.values, x, y)) {
      // A lone point has no line to draw: a dot shows it.
      if (run.length === 1) {
        const [cx, cy] = run[0]!.split(',');
        parts.push(`<circle cx="${cx}" cy="${cy}" r="3" class="series ${esc(s.className)}">${title}</circle>`);
      } else parts.push(`<polyline points="${run.join(' ')}" class="series ${esc(s.className)}">${title}</polyline>`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" class="line-chart" role="img" aria-label="${esc(input.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}
