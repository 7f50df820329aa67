/**
 * The systemd unit gocross installs for the service, rendered from the config. Pure.
 *
 * Quoting follows systemd.syntax(7) and systemd.service(5) "Command lines": every ExecStart
 * argument and every Environment= assignment is one double-quoted word, inside which `\` and `"`
 * are backslash-escaped and control characters written as C escapes (`\t`, `\x1b`); `%` starts a
 * specifier everywhere, so it is doubled; in ExecStart `$` starts a variable, so it is doubled.
 * Only an *unquoted* lone `;` separates commands, and only an unquoted lone `\;` means a literal
 * semicolon (systemd checks the raw text before it unquotes), so a quoted `";"` and `"\\;"` carry
 * `;` and `\;` as they are. Newlines cannot be represented on one line and are refused.
 */
import { GocrossError } from '../core/errors.ts';
import type { DeployConfig } from './model.ts';

/** One double-quoted word of a unit file; `dollar` doubles `$` (ExecStart only). */
export function quoteUnitWord(value: string, options: { dollar: boolean; what: string }): string {
  if (/[\n\r\0]/.test(value)) {
    throw new GocrossError('config', `Cannot render the systemd unit: ${options.what} contains a newline, carriage return or NUL`, {
      fix: 'remove it: a unit file line cannot hold one (pass multi-line data through a file under the base directory)',
    });
  }
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '%') out += '%%';
    else if (ch === '$' && options.dollar) out += '$$';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `"${out}"`;
}

export function renderUnit(config: Pick<DeployConfig, 'service' | 'baseDir'>): string {
  const { service, baseDir } = config;
  const word = (value: string, what: string, dollar = false): string => quoteUnitWord(value, { dollar, what });
  const execStart = [word(`${baseDir}/current`, 'the base directory', true), ...service.args.map((a, i) => word(a, `deploy.service.args[${i}]`, true))].join(' ');
  const environment = Object.entries(service.environment).map(([k, v]) => `Environment=${word(`${k}=${v}`, `deploy.service.environment.${k}`)}`);
  const readWrite = [`${baseDir}/data`, ...service.readWritePaths].map((p, i) => word(p, i === 0 ? 'the base directory' : `deploy.service.readWritePaths[${i - 1}]`));
  return [
    '# Installed by gocross deploy; it is rewritten on every deploy.',
    '[Unit]',
    `Description=${descriptionOf(service.name)} (deployed by gocross)`,
    'After=network-online.target',
    'Wants=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=${execStart}`,
    // WorkingDirectory= takes the rest of the line as one path (no unquoting); only specifiers apply.
    `WorkingDirectory=${plainPath(service.workingDirectory ?? baseDir, 'deploy.service.workingDirectory')}`,
    ...environment,
    ...(service.user ? [`User=${service.user}`] : []),
    'Restart=on-failure',
    'RestartSec=1',
    'NoNewPrivileges=yes',
    'ProtectSystem=strict',
    `ReadWritePaths=${readWrite.join(' ')}`,
    'PrivateTmp=yes',
    'ProtectHome=read-only',
    'ProtectKernelTunables=yes',
    'ProtectControlGroups=yes',
    'RestrictSUIDSGID=yes',
    'LockPersonality=yes',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

function plainPath(path: string, what: string): string {
  quoteUnitWord(path, { dollar: false, what });
  return path.replace(/%/g, '%%');
}

/** The service name is [A-Za-z0-9_.@-] (config.ts); `%` cannot occur, but keep the rule in one place. */
function descriptionOf(name: string): string {
  return name.replace(/%/g, '%%');
}
