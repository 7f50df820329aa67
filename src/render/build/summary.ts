/** The end-of-build summary shared by the TTY and plain renderers. */
import { relative } from 'node:path';
import type { BuildResult } from '../../gobuild/result.ts';
import { paint } from '../style.ts';
import { printable, printableLines } from '../../util/printable.ts';
import { formatBytes } from '../../report/reporter.ts';

export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)}s` : `${ms}ms`;
}

export function formatSummary(result: BuildResult, color: boolean, cwd = process.cwd()): string {
  const out: string[] = [];
  const done = result.results.filter((r) => r.status === 'done');
  const failed = result.results.filter((r) => r.status === 'failed');
  const cancelled = result.results.filter((r) => r.status === 'cancelled');
  const where = printable(relative(cwd, result.outputDir) || '.');
  for (const r of done) {
    const facts = r.facts ? `  ${r.facts.linkage}${r.facts.requiredGlibc ? `, glibc >= ${r.facts.requiredGlibc}` : ''}` : '';
    out.push(`  ${paint(color, 'green', 'ok')}      ${r.target.id.padEnd(22)} ${formatBytes(r.size).padStart(9)}  ${(r.reused ? 'kept' : formatDuration(r.durationMs)).padStart(6)}  ${printable(`${r.relativePath}${facts}`)}`);
  }
  for (const r of failed) out.push(`  ${paint(color, 'red', 'FAILED')}  ${r.target.id}`);
  for (const r of cancelled) out.push(`  ${paint(color, 'yellow', 'stopped')} ${r.target.id}`);
  // No manifest path: nothing completed, so nothing was published and the output folder is as it was.
  const published = result.manifestPath !== null;
  const head = result.cancelled
    ? `Interrupted: built ${done.length} of ${result.results.length} targets; ${published ? `${where}/manifest.json lists only complete artifacts.` : `${where}/ is unchanged.`}`
    : `Built ${done.length} of ${result.results.length} targets${reusedNote(result)} in ${formatDuration(result.durationMs)} → ${published ? `${where}/ (manifest.json, SHA256SUMS)` : `${where}/ unchanged`}`;
  out.push(failed.length > 0 || result.cancelled ? paint(color, 'bold', head) : head);
  for (const r of failed) {
    out.push('', paint(color, 'red', `${r.target.id} failed:`));
    for (const l of r.errorLines) out.push(`    ${printableLines(l)}`);
  }
  return `${out.join('\n')}\n`;
}

function reusedNote(result: BuildResult): string {
  const kept = result.results.filter((r) => r.reused).length;
  return kept > 0 ? ` (${kept} unchanged, kept)` : '';
}
