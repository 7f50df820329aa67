/**
 * Every GOOS/GOARCH port of the Go releases gocross knows, for commands that validate targets
 * without a toolchain (setup, doctor, lock: a host being set up may have no Go yet). Source:
 * `go tool dist list -json` of Go 1.23 (Go's src/internal/platform/zosarch.go), which is also
 * the list of Go 1.24 and 1.25. `broken` is a property of one release, so no port is marked here;
 * `build` asks the chosen toolchain instead (gobuild/dist-list.ts).
 */
import type { Target, TargetInfo } from './target.ts';
import { ARCHES } from './arches.ts';
import { TargetSyntaxError } from './errors.ts';
import { parseTargets } from './target-syntax.ts';

/** "goos/goarch flags": c = cgo supported, 1 = first-class port. */
const ROWS = `
aix/ppc64 c, android/386 c, android/amd64 c, android/arm c, android/arm64 c, darwin/amd64 c1, darwin/arm64 c1,
dragonfly/amd64 c, freebsd/386 c, freebsd/amd64 c, freebsd/arm c, freebsd/arm64 c, freebsd/riscv64 c, illumos/amd64 c,
ios/amd64 c, ios/arm64 c, js/wasm -, linux/386 c1, linux/amd64 c1, linux/arm c1, linux/arm64 c1, linux/loong64 c,
linux/mips c, linux/mips64 c, linux/mips64le c, linux/mipsle c, linux/ppc64 -, linux/ppc64le c, linux/riscv64 c,
linux/s390x c, netbsd/386 c, netbsd/amd64 c, netbsd/arm c, netbsd/arm64 c, openbsd/386 c, openbsd/amd64 c,
openbsd/arm c, openbsd/arm64 c, openbsd/ppc64 -, openbsd/riscv64 c, plan9/386 -, plan9/amd64 -, plan9/arm -,
solaris/amd64 c, wasip1/wasm -, windows/386 c1, windows/amd64 c1, windows/arm -, windows/arm64 c`;

export const GO_PORTS: readonly TargetInfo[] = ROWS.split(',').map((row) => {
  const [id = '', flags = ''] = row.trim().split(' ');
  const [goos = '', goarch = ''] = id.split('/');
  return { goos, goarch, cgoSupported: flags.includes('c'), firstClass: flags.includes('1'), broken: false };
});

/**
 * Targets for commands that have no toolchain to ask: build's grammar and messages (lists, globs,
 * negation, variants) over GO_PORTS; a spec of negations only removes from `base`.
 */
export function parsePortTargets(spec: string, base: string): Target[] {
  // A devel version accepts every variant value some Go release accepts.
  return parseTargets(spec, GO_PORTS, 'devel', { base, source: 'any Go release known to gocross' });
}

/**
 * A GOARCH some Go port has (`--host-arch`, compat's `--arch`), or a usage error naming the valid
 * ones, with the GOARCH meant when another tool's name for it was written (x86_64 → amd64).
 */
export function parseGoarch(text: string, option: string): string {
  const goarches = [...new Set(GO_PORTS.map((p) => p.goarch))];
  if (goarches.includes(text)) return text;
  const meant = ARCHES.find((a) => [...a.unameM, a.nodeArch, a.debian, a.rpm, a.alpine, a.qemu?.name].includes(text))?.goarch;
  const hint = meant ? `; did you mean ${meant}?` : '';
  throw new TargetSyntaxError(text, `Cannot use ${option} ${JSON.stringify(text)}: not a GOARCH (valid: ${goarches.sort().join(', ')}${hint})`);
}
