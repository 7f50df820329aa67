/**
 * The one-line summary of `gocross inspect`, in the spirit of file(1):
 *   hello-linux-arm64: ELF 64-bit LSB executable, AArch64 (arm64), statically linked, Go go1.23.5, not stripped
 * Pure: BinaryInfo in, text out. Colour is the caller's choice (a painter that may be the identity).
 * Every string read from the binary (interpreter, Go version, GOOS…) and the path are untrusted: they
 * go through printable() here, so a crafted binary cannot clear the screen or spoof lines.
 */
import type { BinaryInfo } from '../../binary/types.ts';
import { printable } from '../../util/printable.ts';
import { plain, type Painter } from '../style.ts';

/** "executable", "pie executable", "shared object"… as file(1) words the ELF kind. */
export function kindWords(info: BinaryInfo): string {
  switch (info.kind) {
    case 'executable':
      // file(1) says "pie executable" for ELF only; PE/Mach-O report ASLR/PIE under security.
      return info.pie && info.format === 'elf' ? 'pie executable' : 'executable';
    case 'shared-library':
      return info.format === 'elf' ? 'shared object' : info.format === 'pe' ? 'DLL' : 'dynamically linked shared library';
    case 'object':
      return info.format === 'elf' ? 'relocatable' : 'object';
    case 'core':
      return 'core file';
    default:
      return 'file of unknown kind';
  }
}

export function linkageWords(info: BinaryInfo): string {
  switch (info.linkage) {
    case 'static':
      return 'statically linked';
    case 'static-pie':
      return 'static-pie linked';
    default:
      return 'dynamically linked';
  }
}

/** "AArch64 (arm64)", or just the machine when Go has no name for it. */
export function machineWords(info: BinaryInfo): string {
  return info.goarch ? `${info.machine} (${info.goarch})` : info.machine;
}

function detail(info: BinaryInfo, key: string): string | null {
  const value = info.details[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** file(1)'s words for the common PE subsystems. */
const SUBSYSTEM_WORDS: Record<string, string> = { 'windows-cui': 'console', 'windows-gui': 'GUI' };

/** The format part, e.g. "ELF 64-bit LSB executable" or "PE32+ executable (console)". */
function formatWords(info: BinaryInfo): string {
  const kind = kindWords(info);
  switch (info.format) {
    case 'elf':
      return `ELF ${info.bits}-bit ${info.endian === 'little' ? 'LSB' : 'MSB'} ${kind}`;
    case 'pe': {
      const subsystem = detail(info, 'subsystem');
      const words = subsystem ? (SUBSYSTEM_WORDS[subsystem] ?? subsystem) : null;
      return `${info.bits === 64 ? 'PE32+' : 'PE32'} ${kind}${words ? ` (${words})` : ''}`;
    }
    default:
      return `Mach-O ${info.bits}-bit${info.endian === 'big' ? ' big-endian' : ''} ${kind}`;
  }
}

function goWords(info: BinaryInfo): string | null {
  if (info.go) return `Go ${info.go.version || '(unknown version)'}`;
  if (info.buildId.go) return 'Go (no build info)';
  return null;
}

/** The description after "path: " for one (non-fat) executable. */
function describeOne(info: BinaryInfo, paint: Painter): string {
  const parts = [formatWords(info), machineWords(info)];
  if (info.format === 'pe') parts.push(`for ${info.goos === 'windows' || !info.goos ? 'MS Windows' : info.goos}`);
  else if (info.format === 'macho') {
    const minOs = detail(info, 'minOs');
    if (info.goos) parts.push(`for ${info.goos}${minOs ? ` >= ${minOs}` : ''}`);
  } else if (info.goos && info.goos !== 'linux') parts.push(`for ${info.goos}`);
  if (info.format === 'elf' && info.kind !== 'object' && info.kind !== 'core') {
    parts.push(linkageWords(info));
    if (info.interpreter) parts.push(`interpreter ${info.interpreter}`);
  }
  if (info.requiredGlibc) parts.push(`needs glibc >= ${info.requiredGlibc}`);
  const shown = parts.map(printable);
  const go = goWords(info);
  if (go) shown.push(paint('cyan', printable(go)));
  if (info.debugInfo) shown.push('with debug_info');
  shown.push(info.stripped ? 'stripped' : 'not stripped');
  return shown.join(', ');
}

/** The file(1)-style description of an executable (fat Mach-O lists its slices). */
export function describe(info: BinaryInfo, paint: Painter = plain): string {
  if (info.format === 'macho-fat') {
    const slices = info.slices ?? [];
    const names = slices.map((s) => printable(`${machineWords(s)}${s.go ? ` ${s.go.version}` : ''}`));
    const go = goWords(info);
    return [
      `Mach-O universal binary with ${slices.length} architecture${slices.length === 1 ? '' : 's'}: [${names.join(', ')}]`,
      ...(go && !slices.some((s) => s.go) ? [paint('cyan', printable(go))] : []),
    ].join(', ');
  }
  return describeOne(info, paint);
}

/** "path: description", the line printed per file. */
export function summaryLine(path: string, info: BinaryInfo, paint: Painter = plain): string {
  return `${paint('bold', printable(path))}: ${describe(info, paint)}`;
}

/** "path: error: message", the line printed for a file that could not be inspected. */
export function errorLine(path: string, message: string, paint: Painter = plain): string {
  return `${paint('bold', printable(path))}: ${paint('red', 'error:')} ${printable(message)}`;
}
