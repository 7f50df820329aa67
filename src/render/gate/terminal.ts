/** The gate report on a terminal: one line per finding with file:line:column, its fix, then ignores and the verdict. */
import type { Status } from '../../core/check.ts';
import type { GateReport } from '../../gate/manifests/report.ts';
import type { Location, ReportFinding } from '../../gate/manifests/model.ts';
import { printable } from '../../util/printable.ts';
import { plain, type Painter } from '../style.ts';

const LABEL: Record<Status, [string, Parameters<Painter>[0]]> = { fail: ['fail', 'red'], warn: ['warn', 'yellow'], info: ['info', 'cyan'], pass: ['pass', 'green'] };

export function where(location: Location | undefined): string {
  return location ? `${printable(location.file)}:${location.line}:${location.column}` : '-';
}

function line(f: ReportFinding, paint: Painter): string[] {
  const [label, style] = LABEL[f.status];
  const head = `${where(f.location)}  ${paint(style, label)}  ${paint('bold', f.rule)}  ${f.object ? `${printable(f.object)}: ` : ''}${printable(f.message)}`;
  return f.fix ? [head, `    ${paint('dim', 'fix:')} ${printable(f.fix)}`] : [head];
}

export interface TerminalOptions {
  paint?: Painter;
  /** Also list info findings (notes). */
  verbose?: boolean;
}

export function renderGateTerminal(report: GateReport, options: TerminalOptions = {}): string {
  const paint = options.paint ?? plain;
  const out: string[] = [];
  for (const p of report.inputProblems) out.push(`${printable(p.file)}:${p.line}:${p.column}  ${paint('red', 'error')}  ${printable(p.message)}`);
  const live = report.findings.filter((f) => !f.ignored && (options.verbose || f.status !== 'info'));
  for (const f of live) out.push(...line(f, paint));
  for (const p of report.ignoreProblems) out.push(`${p.file ? `${printable(p.file)}  ` : ''}${paint('red', 'error')}  ${printable(p.message)}`);
  const ignored = report.findings.filter((f) => f.ignored);
  if (report.ignores.length > 0) {
    out.push('', paint('bold', `Ignored (${ignored.length} finding${ignored.length === 1 ? '' : 's'}, ${report.ignores.length} ignore${report.ignores.length === 1 ? '' : 's'}):`));
    for (const i of report.ignores) {
      const scope = [i.objects.length ? i.objects.join(', ') : 'every object', i.containers.length ? `containers ${i.containers.join(', ')}` : ''].filter(Boolean).join(', ');
      out.push(`  ${paint('bold', i.rule)} on ${printable(scope)}: "${printable(i.reason)}" (${printable(i.source)}; ${i.matched === 0 ? paint('yellow', 'matched nothing') : `${i.matched} finding${i.matched === 1 ? '' : 's'}`})`);
    }
  }
  const s = report.summary;
  const verdict = report.ok ? paint('green', 'PASSED') : paint('red', 'FAILED');
  const problems = report.inputProblems.length ? `, ${report.inputProblems.length} input error${report.inputProblems.length === 1 ? '' : 's'}` : '';
  if (out.length) out.push('');
  out.push(`gate manifests: ${s.objects} object${s.objects === 1 ? '' : 's'} (${s.workloads} workload${s.workloads === 1 ? '' : 's'}) in ${s.files} file${s.files === 1 ? '' : 's'}: ${s.fail} fail, ${s.warn} warn, ${s.ignored} ignored${problems} — ${verdict}${report.failOn === 'warn' ? ' (warnings fail)' : ''}`);
  return `${out.join('\n')}\n`;
}

/** `--list-rules`: id, severity, title, fix. */
export function renderRuleList(rules: ReadonlyArray<{ id: string; severity: string; category: string; title: string; fix: string }>, paint: Painter = plain): string {
  const width = Math.max(...rules.map((r) => r.id.length));
  return `${rules.map((r) => `${paint('bold', r.id.padEnd(width))}  ${r.severity.padEnd(4)}  ${r.category.padEnd(12)}  ${r.title}\n${' '.repeat(width + 2)}fix: ${r.fix}`).join('\n')}\n`;
}
