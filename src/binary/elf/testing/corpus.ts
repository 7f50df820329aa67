/**
 * Test corpus for the ELF reader: the Go cross builds the differential tests compare against
 * readelf/file/go version -m. Built once through goBinary()'s shared cache.
 */
import { join } from 'node:path';
import { FIXTURES, goBinary, type GoBuildSpec } from '../../../../test/support/go.ts';

export interface CorpusEntry {
  label: string;
  spec: GoBuildSpec;
  /** Expected facts the oracles cannot tell us directly. */
  goarch: string;
  goos: string;
}

const linux = (goarch: string, env: Record<string, string> = {}, flags: string[] = [], label = `linux/${goarch}`): CorpusEntry => ({
  label,
  spec: { goos: 'linux', goarch, env, flags, name: `hello-${label.replaceAll(/[^a-z0-9]+/g, '-')}` },
  goarch,
  goos: 'linux',
});

/** Pure-Go cross builds (CGO_ENABLED=0). */
export const ELF_CORPUS: CorpusEntry[] = [
  linux('amd64'),
  linux('386'),
  linux('arm', { GOARM: '5' }, [], 'linux/arm GOARM=5'),
  linux('arm', { GOARM: '7' }, [], 'linux/arm GOARM=7'),
  linux('arm64'),
  linux('ppc64le'),
  linux('ppc64'),
  linux('s390x'),
  linux('mips'),
  linux('mipsle'),
  linux('mips64le'),
  linux('riscv64'),
  linux('loong64'),
  { label: 'freebsd/amd64', spec: { goos: 'freebsd', goarch: 'amd64', name: 'hello-freebsd-amd64' }, goarch: 'amd64', goos: 'freebsd' },
  linux('amd64', {}, ['-buildmode=pie'], 'linux/amd64 pie'),
  linux('arm64', {}, ['-buildmode=pie'], 'linux/arm64 pie'),
  linux('amd64', {}, ['-ldflags=-s -w'], 'linux/amd64 -s -w'),
  linux('arm64', {}, ['-ldflags=-s -w'], 'linux/arm64 -s -w'),
];

/** CGO linux/arm64 with Debian's cross gcc: dynamic, needs GLIBC_2.34. */
export const CGO_ARM64: CorpusEntry = {
  label: 'linux/arm64 cgo',
  spec: { goos: 'linux', goarch: 'arm64', dir: join(FIXTURES, 'cgo'), env: { CGO_ENABLED: '1', CC: 'aarch64-linux-gnu-gcc' }, name: 'cgo-linux-arm64' },
  goarch: 'arm64',
  goos: 'linux',
};

/** CGO linux/amd64 with the host gcc. */
export const CGO_AMD64: CorpusEntry = {
  label: 'linux/amd64 cgo',
  spec: { goos: 'linux', goarch: 'amd64', dir: join(FIXTURES, 'cgo'), env: { CGO_ENABLED: '1', CC: 'gcc' }, name: 'cgo-linux-amd64' },
  goarch: 'amd64',
  goos: 'linux',
};

export async function build(entry: CorpusEntry): Promise<string> {
  return goBinary(entry.spec);
}
