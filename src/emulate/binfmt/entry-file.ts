/**
 * Decodes the text of /proc/sys/fs/binfmt_misc/<name>, as printed by fs/binfmt_misc.c
 * entry_status(): `enabled|disabled`, `interpreter PATH`, `flags: [P][O][C][F]`, then either
 * `offset N` / `magic HEX` / optional `mask HEX`, or `extension .EXT`.
 */
import { BinfmtFormatError } from './errors.ts';
import { fromHex } from './escape.ts';
import { normaliseFlags, type BinfmtEntry, type BinfmtFlag } from './types.ts';

export function parseEntryFile(name: string, text: string): BinfmtEntry {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let at = 0;
  const lineAt = (i: number): number => lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0);
  const fail = (field: string, message: string, line: number): never => {
    throw new BinfmtFormatError(`entry '${name}' ${field}`, message, lineAt(line));
  };

  const status = lines[at];
  if (status !== 'enabled' && status !== 'disabled') fail('status', `expected 'enabled' or 'disabled', found '${status ?? ''}'`, at);
  at++;
  const interp = lines[at];
  if (!interp?.startsWith('interpreter ')) fail('interpreter', `expected 'interpreter PATH', found '${interp ?? ''}'`, at);
  const interpreter = interp!.slice('interpreter '.length);
  at++;
  const flagLine = lines[at];
  if (flagLine === undefined || !flagLine.startsWith('flags:')) fail('flags', `expected 'flags: …', found '${flagLine ?? ''}'`, at);
  const flagText = flagLine!.slice('flags:'.length).trim();
  if (!/^[POCF]*$/.test(flagText)) fail('flags', `unknown flag in '${flagText}'`, at);
  const flags = normaliseFlags(flagText.split('') as BinfmtFlag[]);
  at++;

  const base = { name, enabled: status === 'enabled', interpreter, flags };
  const next = lines[at] ?? '';
  if (next.startsWith('extension ')) {
    const ext = next.slice('extension '.length);
    if (!ext.startsWith('.') || ext.length < 2) fail('extension', `expected 'extension .EXT', found '${next}'`, at);
    if (at + 1 !== lines.length) fail('extension', 'unexpected text after the extension line', at + 1);
    return { ...base, type: 'E', offset: 0, magic: null, mask: null, extension: ext.slice(1) };
  }
  if (!/^offset \d+$/.test(next)) fail('offset', `expected 'offset N' or 'extension .EXT', found '${next}'`, at);
  const offset = Number(next.slice('offset '.length));
  at++;
  const magicLine = lines[at] ?? '';
  const magic = magicLine.startsWith('magic ') ? magicLine.slice('magic '.length) : null;
  if (magic === null || magic === '' || !fromHex(magic)) fail('magic', `expected 'magic HEX', found '${magicLine}'`, at);
  at++;
  let mask: string | null = null;
  if (at < lines.length) {
    const maskLine = lines[at]!;
    mask = maskLine.startsWith('mask ') ? maskLine.slice('mask '.length) : null;
    if (mask === null || !fromHex(mask)) fail('mask', `expected 'mask HEX', found '${maskLine}'`, at);
    if (mask!.length !== magic!.length) fail('mask', `has ${mask!.length / 2} bytes but the magic has ${magic!.length / 2}`, at);
    at++;
  }
  if (at !== lines.length) fail('entry', `unexpected line '${lines[at]}'`, at);
  return { ...base, type: 'M', offset, magic: magic!.toLowerCase(), mask: mask?.toLowerCase() ?? null, extension: null };
}

/** Renders an entry the way the kernel prints it (used by tests as the inverse of parseEntryFile). */
export function formatEntryFile(entry: BinfmtEntry): string {
  const head = `${entry.enabled ? 'enabled' : 'disabled'}\ninterpreter ${entry.interpreter}\nflags: ${normaliseFlags(entry.flags).join('')}\n`;
  if (entry.type === 'E') return `${head}extension .${entry.extension ?? ''}\n`;
  return `${head}offset ${entry.offset}\nmagic ${entry.magic ?? ''}\n${entry.mask !== null ? `mask ${entry.mask}\n` : ''}`;
}
