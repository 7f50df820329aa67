/**
 * `gocross binfmt status|install|uninstall`: QEMU registrations in binfmt_misc. Entry names,
 * interpreter paths and probe output come from the host: printable() before they are printed.
 */
import type { Command } from 'commander';
import { installBinfmt, uninstallBinfmt, type InstallReport } from '../../emulate/binfmt/install.ts';
import { readBinfmtStatus } from '../../emulate/binfmt/read-status.ts';
import { BINFMT_STATUS_SCHEMA_VERSION, type BinfmtStatus } from '../../emulate/binfmt/status.ts';
import type { BinfmtFlag } from '../../emulate/binfmt/types.ts';
import { ExitError, UsageError } from '../errors.ts';
import { paint, stdout } from '../../render/style.ts';
import { printJson } from '../print-json.ts';
import { printable } from '../../util/printable.ts';

function parseFlags(text: string): BinfmtFlag[] {
  const letters = text.toUpperCase().replace(/[\s,]/g, '');
  if (!/^[POCF]*$/.test(letters)) throw new UsageError(`--flags accepts only P, O, C and F (got '${text}')`);
  return letters.split('') as BinfmtFlag[];
}

function renderStatus(s: BinfmtStatus): string {
  const out = stdout();
  const c = out.color;
  const lines: string[] = [];
  lines.push(`binfmt_misc at ${printable(s.mount)}: ${s.mounted ? 'mounted' : 'not mounted'}${s.mounted ? `, ${s.enabled ? 'enabled' : 'disabled'}` : ''}`);
  for (const e of s.entries) {
    const mark = e.enabled ? paint(c, 'green', 'enabled ') : paint(c, 'yellow', 'disabled');
    const serves = printable(e.goarches.length ? `linux/${e.goarches.join(', linux/')}` : e.qemuArches.join(', ') || (e.type === 'E' ? `*.${e.extension}` : '-'));
    lines.push(`  ${mark} ${printable(e.name)}${e.gocross ? ' (gocross)' : ''}`);
    lines.push(`           serves ${serves}; flags ${e.flags.join('') || 'none'}`);
    const interp = !e.interpreterExists ? paint(c, 'red', 'MISSING') : `${e.interpreterStatic === false ? 'dynamic' : e.interpreterStatic ? 'static' : 'not ELF'}${e.interpreterVersion ? `, QEMU ${printable(e.interpreterVersion)}` : ''}`;
    lines.push(`           interpreter ${printable(e.interpreter)} (${interp})`);
  }
  if (s.mounted && s.entries.length === 0) lines.push('  no entries registered');
  if (s.findings.length) lines.push('');
  for (const f of s.findings) {
    const sev = f.status === 'fail' ? paint(c, 'red', 'error') : f.status === 'warn' ? paint(c, 'yellow', 'warning') : paint(c, 'cyan', 'info');
    lines.push(`${sev}: ${printable(f.message)}`);
    if (f.fix) lines.push(`  fix: ${printable(f.fix)}`);
  }
  lines.push('', s.ok ? 'binfmt_misc: OK' : 'binfmt_misc: broken (see the errors above)');
  return `${lines.join('\n')}\n`;
}

function renderInstall(r: InstallReport): string {
  const c = stdout().color;
  const lines: string[] = [];
  if (r.dryRun) lines.push('Dry run: nothing is written.');
  for (const x of r.results) {
    const head = printable(`${x.name} (${x.goarch ? `linux/${x.goarch}` : x.qemuArch})`);
    if (x.status === 'error') lines.push(`${paint(c, 'red', 'error')} ${head}: Cannot register: ${printable(`${x.reason}${x.fix ? ` (${x.fix})` : ''}`)}`);
    else if (x.status === 'skip') lines.push(`${paint(c, 'yellow', 'skip')}  ${head}: ${printable(`${x.reason}${x.fix ? ` (${x.fix})` : ''}`)}`);
    else if (r.dryRun) {
      lines.push(`would ${x.replaceExisting ? 'replace' : 'register'} ${head}: write to ${r.mount}/register:`, `  ${x.registerString}`);
      for (const f of x.persisted) lines.push(`  would write ${f.path}:`, ...f.content.trimEnd().split('\n').map((l) => `    ${l}`));
    } else if (x.failure) lines.push(`${paint(c, 'red', 'FAIL')}  ${head}: ${printable(x.failure)}`);
    else {
      const probe = x.probe ? (x.probe.passed ? paint(c, 'green', 'PASS') : x.probe.ran ? paint(c, 'red', 'FAIL') : paint(c, 'yellow', 'UNPROVEN')) : 'registered';
      lines.push(`${probe}  ${head}: ${x.replaceExisting ? 'replaced' : 'registered'} with flags ${x.rule?.flags.join('') || 'none'}, interpreter ${printable(`${x.rule?.interpreter}${x.probe ? ` — ${x.probe.detail}` : ''}`)}`);
      for (const f of x.persisted) lines.push(`      persisted to ${printable(f.path)}`);
    }
    for (const n of x.notes) lines.push(`      note: ${printable(n)}`);
  }
  for (const u of r.unknown) lines.push(`${paint(c, 'red', 'error')} ${printable(u)}: Cannot register: unknown architecture (use a GOARCH such as arm64 or a QEMU name such as aarch64)`);
  if (r.results.length === 0 && r.unknown.length === 0) lines.push('Nothing to register: no QEMU user-mode interpreter found (install the package qemu-user-static)');
  if (r.persistStyle === 'systemd' && !r.dryRun) lines.push('note: systemd-binfmt re-registers these files at boot (a restart of systemd-binfmt flushes all entries first)');
  return `${lines.join('\n')}\n`;
}

export function register(program: Command): void {
  const binfmt = program
    .command('binfmt')
    .description('Inspect and manage QEMU registrations in binfmt_misc (so ./app-arm64 runs directly)')
    .addHelpText('after', '\nEntries registered by gocross are named gocross-qemu-<arch>; uninstall removes only those unless you name others.');

  binfmt
    .command('status')
    .description('Report the binfmt_misc mount and every entry: interpreter, flags and their consequences, overlaps, stale entries. Exit 1 when broken.')
    .option('--json', `machine-readable output (schemaVersion ${BINFMT_STATUS_SCHEMA_VERSION})`)
    .option('--mount <dir>', 'binfmt_misc mount point', '/proc/sys/fs/binfmt_misc')
    .action(async (opts: { json?: boolean; mount: string }) => {
      const s = await readBinfmtStatus({ mount: opts.mount });
      if (opts.json) printJson({ schemaVersion: BINFMT_STATUS_SCHEMA_VERSION, ...s });
      else process.stdout.write(renderStatus(s));
      if (!s.ok) throw new ExitError(1);
    });

  binfmt
    .command('install')
    .description('Register QEMU interpreters (qemu-<arch>-static preferred) for the given arches, then prove each by running a tiny binary of that arch')
    .argument('[arch...]', "GOARCH or QEMU names (arm64, riscv64, aarch64…) or 'all' (default: every arch with QEMU installed)")
    .option('--flags <letters>', 'binfmt flags to register with (default: F, plus P when the interpreter supports it)')
    .option('--replace', 'replace an existing gocross entry of the same name')
    .option('--persist', 'also write the boot-time configuration the host uses (/etc/binfmt.d or /usr/share/binfmts)')
    .option('--persist-style <style>', 'force systemd or debian persistence')
    .option('--dry-run', 'print exactly what would be written, and where, without writing')
    .option('--no-probe', 'do not prove the registrations by running a probe binary')
    .option('--mount <dir>', 'binfmt_misc mount point', '/proc/sys/fs/binfmt_misc')
    .option('--root <dir>', 'prefix for persisted files (testing)', '/')
    .option('--json', 'machine-readable output (schemaVersion 1)')
    .action(async (arches: string[], opts: { flags?: string; replace?: boolean; persist?: boolean; persistStyle?: string; dryRun?: boolean; probe: boolean; mount: string; root: string; json?: boolean }) => {
      if (opts.persistStyle && opts.persistStyle !== 'systemd' && opts.persistStyle !== 'debian') throw new UsageError(`--persist-style must be systemd or debian (got '${opts.persistStyle}')`);
      const report = await installBinfmt({
        arches,
        mount: opts.mount,
        flags: opts.flags === undefined ? undefined : parseFlags(opts.flags),
        replace: opts.replace,
        persist: opts.persist,
        persistStyle: opts.persistStyle as 'systemd' | 'debian' | undefined,
        root: opts.root,
        dryRun: opts.dryRun,
        probe: opts.probe,
      });
      if (opts.json) printJson({ schemaVersion: 1, ...report });
      else process.stdout.write(renderInstall(report));
      if (!report.ok) throw new ExitError(1);
    });

  binfmt
    .command('uninstall')
    .description('Remove gocross-registered entries (gocross-qemu-*) and their persisted files; name entries to remove others')
    .argument('[name...]', 'entry names or arches (default: every gocross entry)')
    .option('--mount <dir>', 'binfmt_misc mount point', '/proc/sys/fs/binfmt_misc')
    .option('--root <dir>', 'prefix for persisted files (testing)', '/')
    .option('--dry-run', 'print what would be removed')
    .option('--json', 'machine-readable output (schemaVersion 1)')
    .action(async (names: string[], opts: { mount: string; root: string; dryRun?: boolean; json?: boolean }) => {
      const r = await uninstallBinfmt({ names, mount: opts.mount, root: opts.root, dryRun: opts.dryRun });
      if (opts.json) printJson({ schemaVersion: 1, ...r });
      else {
        const lines = r.results.map((x) =>
          printable(
            x.removed
              ? `${opts.dryRun ? 'would remove' : 'removed'} ${x.name}${x.gocross ? '' : ' (not a gocross entry; removed because you named it)'}${x.persistedRemoved.length ? `; deleted ${x.persistedRemoved.join(', ')}` : ''}`
              : `${x.name}: ${x.reason}${x.persistedRemoved.length ? `; deleted ${x.persistedRemoved.join(', ')}` : ''}`,
          ),
        );
        if (lines.length === 0) lines.push('No gocross entries registered; nothing removed.');
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      if (!r.ok) throw new ExitError(1);
    });
}
