/** Inline SVG bar chart of artifact sizes per target (no script, no external assets). */
import { esc } from './html-escape.ts';
import { formatBytes } from './reporter.ts';

export interface Bar {
  label: string;
  value: number;
  failed: boolean;
}

export function renderSizeChart(bars: readonly Bar[], width = 720): string {
  if (bars.length === 0) return '<p class="muted">No artifacts were built.</p>';
  const labelWidth = Math.min(220, 8 * Math.max(...bars.map((b) => b.label.length)) + 16);
  const valueWidth = 90;
  const barArea = width - labelWidth - valueWidth;
  const rowHeight = 26;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const height = bars.length * rowHeight + 8;
  const rows = bars.map((b, i) => {
    const y = 4 + i * rowHeight;
    const w = Math.max(2, Math.round((b.value / max) * barArea));
    return [
      `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" class="chart-label">${esc(b.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 8}" rx="3" class="${b.failed ? 'bar bar-failed' : 'bar'}"><title>${esc(`${b.label}: ${b.value} bytes`)}</title></rect>`,
      `<text x="${labelWidth + w + 6}" y="${y + 17}" class="chart-value">${esc(formatBytes(b.value))}</text>`,
    ].join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" class="size-chart" role="img" aria-label="Artifact size per target" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rows.join('')}</svg>`;
}
