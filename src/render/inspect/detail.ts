/**
 * The readable detail block of `gocross inspect` (with --verbose, or when one file is given):
 * every fact of a BinaryInfo, grouped, aligned, with a checksec-like security table.
 * Pure: BinaryInfo in, text out. The whole record is untrusted (strings read from the binary): the
 * body is rendered from a printableDeep() copy, so every field shows escaped.
 */
import type { BinaryInfo, GoBuildInfo, GoModule, VersionNeed } from '../../binary/types.ts';
import { describe, kindWords, linkageWords, machineWords } from './line.ts';
import { plain, type Painter } from '../style.ts';
import { paintVerdict, securityRows } from './security.ts';
import { groupDigits, table } from './table.ts';
import { printable, printableDeep } from '../../util/printable.ts';

const NONE = '-';

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');
const list = (items: readonly string[]): string => (items.length ? items.join(', ') : NONE);

function moduleWords(m: GoModule): string {
  const base = `${m.path} ${m.version || '(devel)'}`;
  if (!m.replace) return base;
  return `${base} => ${m.replace.path}${m.replace.version ? ` ${m.replace.version}` : ''}`;
}

function versionNeedLines(needs: readonly VersionNeed[], indent: string): string[] {
  const lines: string[] = [];
  for (const need of needs) {
    lines.push(`${indent}${need.file}: ${need.versions.join(', ')}`);
    for (const version of need.versions) {
      const symbols = need.symbols[version] ?? [];
      if (symbols.length) lines.push(`${indent}  ${version}: ${symbols.join(', ')}`);
    }
  }
  return lines;
}

function goLines(go: GoBuildInfo, paint: Painter): string[] {
  const rows: string[][] = [
    ['Version', go.version || NONE],
    ['Package', go.path || NONE],
    ['Main module', go.main ? moduleWords(go.main) : NONE],
  ];
  const lines = [paint('bold', 'Go build info'), ...table(rows, { indent: '  ' })];
  lines.push(`  Dependencies (${go.deps.length})`);
  for (const dep of go.deps) lines.push(`    ${moduleWords(dep)}${dep.sum || dep.replace?.sum ? `  ${paint('dim', (dep.replace?.sum ?? dep.sum) as string)}` : ''}`);
  const settings = Object.entries(go.settings);
  lines.push(`  Build settings (${settings.length})`);
  lines.push(...table(settings.map(([k, v]) => [k, v]), { indent: '    ' }));
  return lines;
}

function factRows(info: BinaryInfo): string[][] {
  const rows: string[][] = [
    ['Format', `${info.format} ${info.bits}-bit ${info.endian}-endian`],
    ['Machine', machineWords(info)],
    ['OS', info.goos ?? NONE],
    ['Kind', kindWords(info)],
    ['PIE', yesNo(info.pie)],
  ];
  if (info.format === 'elf') {
    rows.push(
      ['Linkage', linkageWords(info)],
      ['Interpreter', info.interpreter ?? NONE],
      ['Needed', list(info.needed)],
      ['RPATH', list(info.rpath)],
      ['RUNPATH', list(info.runpath)],
      ['Required glibc', info.requiredGlibc ? `>= ${info.requiredGlibc}` : NONE],
    );
    const props = info.gnuProperties;
    if (props && (props.x86IsaNeeded.length || props.x86Features.length || props.aarch64Features.length)) {
      const words = [
        ...(props.x86IsaNeeded.length ? [`x86 ISA needed: ${props.x86IsaNeeded.at(-1)}`] : []),
        ...(props.x86Features.length ? [`x86 feature: ${props.x86Features.join(', ')}`] : []),
        ...(props.aarch64Features.length ? [`AArch64 feature: ${props.aarch64Features.join(', ')}`] : []),
      ];
      rows.push(['GNU properties', words.join('; ')]);
    }
  } else if (info.needed.length) {
    rows.push(['Needed', list(info.needed)]);
  }
  rows.push(
    ['GNU build ID', info.buildId.gnu ?? NONE],
    ['Go build ID', info.buildId.go ?? NONE],
    ['Stripped', yesNo(info.stripped)],
    ['DWARF', yesNo(info.debugInfo)],
  );
  return rows;
}

function sectionLines(info: BinaryInfo, paint: Painter): string[] {
  if (!info.sections.length) return [`${paint('bold', 'Sections')} (none)`];
  const rows = [
    ['Name', 'Size', 'Address', 'Type', 'Flags'].map((h) => paint('dim', h)),
    // NOBITS sections (.bss) occupy no file bytes; like readelf, show the memory they take.
    ...info.sections.map((s) => [s.name || '(unnamed)', groupDigits(s.type === 'NOBITS' ? (s.memSize ?? s.size) : s.size), s.address, s.type, s.flags.join(',')]),
  ];
  return [`${paint('bold', 'Sections')} (${info.sections.length})`, ...table(rows, { indent: '  ', right: [1] })];
}

/** The detail block of one executable (a fat Mach-O gets one sub-block per slice). */
export function detailBlock(path: string, raw: BinaryInfo, paint: Painter = plain): string {
  const lines = [`${paint('bold', printable(path))}: ${describe(raw, paint)}`];
  const info = printableDeep(raw);
  if (info.format === 'macho-fat') {
    const slices = info.slices ?? [];
    slices.forEach((slice, i) => {
      lines.push('', paint('bold', `Slice ${i + 1} of ${slices.length}: ${machineWords(slice)}`));
      lines.push(...detailBody(slice, paint).map((l) => (l ? `  ${l}` : l)));
    });
    if (info.warnings.length) lines.push('', ...warningLines(info.warnings, paint));
    return lines.join('\n');
  }
  lines.push(...detailBody(info, paint));
  return lines.join('\n');
}

function warningLines(warnings: readonly string[], paint: Painter): string[] {
  return [paint('yellow', 'Warnings'), ...warnings.map((w) => `  ${w}`)];
}

function detailBody(info: BinaryInfo, paint: Painter): string[] {
  const lines = table(factRows(info), { indent: '  ' });
  if (info.versionNeeds.length) lines.push('  Version needs', ...versionNeedLines(info.versionNeeds, '    '));
  const details = Object.entries(info.details);
  if (details.length) {
    lines.push('', paint('bold', `${info.format === 'elf' ? 'ELF' : info.format === 'pe' ? 'PE' : 'Mach-O'} header`));
    lines.push(...table(details.map(([key, value]) => [key, value === null ? NONE : String(value)]), { indent: '  ' }));
  }
  const security = securityRows(info.security);
  if (security.length) {
    lines.push('', paint('bold', 'Security'), ...table(security.map((r) => [r.label, paintVerdict(paint, r)]), { indent: '  ' }));
  }
  lines.push('', ...sectionLines(info, paint));
  if (info.go) lines.push('', ...goLines(info.go, paint));
  if (info.warnings.length) lines.push('', ...warningLines(info.warnings, paint));
  return lines;
}
