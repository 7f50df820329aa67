/** The OS and GOARCH a binary targets, from Go build info when present, else from the headers. */
import type { BinaryInfo } from '../binary/types.ts';
import { archByMachineName } from '../platform/lookup.ts';

export function binaryArch(info: BinaryInfo): string | null {
  if (info.goarch) return info.goarch;
  return archByMachineName(info.machine, info.bits, info.endian)?.goarch ?? null;
}

export function binaryOs(info: BinaryInfo): string {
  if (info.goos) return info.goos;
  if (info.format === 'pe') return 'windows';
  if (info.format === 'macho' || info.format === 'macho-fat') return 'darwin';
  return 'linux';
}

/** Settings recorded by `go build` (GOAMD64=v3…), empty for non-Go binaries. */
export function buildSetting(info: BinaryInfo, key: string): string | undefined {
  return info.go?.settings[key];
}
