/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`): each live
 * finding becomes an annotation on the line of the field. Properties and messages are escaped as
 * the runner expects (%, CR, LF; and : , in properties).
 */
import type { GateReport } from '../../gate/manifests/report.ts';

const data = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (s: string): string => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function renderGateGithub(report: GateReport): string {
  const lines: string[] = [];
  for (const p of report.inputProblems) lines.push(`::error file=${property(p.file)},line=${p.line},col=${p.column},title=${property('gocross gate: input')}::${data(p.message)}`);
  for (const f of report.findings) {
    if (f.ignored || (f.status !== 'fail' && f.status !== 'warn')) continue;
    const level = f.status === 'fail' ? 'error' : 'warning';
    const at = f.location ? `file=${property(f.location.file)},line=${f.location.line},col=${f.location.column},` : '';
    lines.push(`::${level} ${at}title=${property(`gocross gate ${f.rule}`)}::${data(`${f.object ? `${f.object}: ` : ''}${f.message}${f.fix ? `\nfix: ${f.fix}` : ''}`)}`);
  }
  for (const p of report.ignoreProblems) lines.push(`::error ${p.file ? `file=${property(p.file)},` : ''}title=${property('gocross gate: ignore')}::${data(p.message)}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
