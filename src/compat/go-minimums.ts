/**
 * The oldest OS each Go release supports, as data.
 * Sources: go.dev/doc/go1.N release notes ("Ports" sections) and the Go wiki pages
 * MinimumRequirements and Linux (tip.golang.org/wiki/Linux):
 *   Linux kernel: 2.6.23 up to Go 1.18, 2.6.32 for Go 1.19–1.23, 3.2 from Go 1.24 (go.dev/doc/go1.24#linux);
 *     per arch: loong64 5.19, mips64le 4.8 (go.dev/issue/16848), arm (ARMv5 kuser_cmpxchg64) 3.1 up to 1.23;
 *     Go 1.27: linux/ppc64 moves to ELFv2, which needs 3.13 (REFERENCE.md table).
 *   macOS: 10.12 for Go 1.15–1.16, 10.13 for 1.17–1.20, 10.15 for 1.21–1.22, 11 for 1.23–1.24,
 *     12 for 1.25–1.26, 13 for 1.27.
 *   Windows: 7 / Server 2008 R2 for Go 1.11–1.20, 10 / Server 2016 from Go 1.21.
 */
import { compareVersions } from './version.ts';

interface Step {
  /** First Go release (major.minor) this minimum applies to. */
  from: string;
  min: string;
}

const linuxKernel: Step[] = [
  { from: '1.0', min: '2.6.23' },
  { from: '1.19', min: '2.6.32' },
  { from: '1.24', min: '3.2' },
];

const linuxKernelByArch: Record<string, Step[]> = {
  arm: [
    { from: '1.0', min: '3.1' },
    { from: '1.24', min: '3.2' },
  ],
  loong64: [{ from: '1.19', min: '5.19' }],
  mips64le: [{ from: '1.6', min: '4.8' }],
  ppc64: [
    { from: '1.0', min: '2.6.32' },
    { from: '1.24', min: '3.2' },
    { from: '1.27', min: '3.13' },
  ],
};

const macos: Step[] = [
  { from: '1.15', min: '10.12' },
  { from: '1.17', min: '10.13' },
  { from: '1.21', min: '10.15' },
  { from: '1.23', min: '11' },
  { from: '1.25', min: '12' },
  { from: '1.27', min: '13' },
];

const windows: Step[] = [
  { from: '1.11', min: '7' },
  { from: '1.21', min: '10' },
];

function lookup(steps: readonly Step[], release: string): string | null {
  let found: string | null = null;
  for (const step of steps) if (compareVersions(release, step.from) >= 0) found = step.min;
  return found;
}

/** The oldest Linux kernel a binary built by Go `release` ("1.24") for `goarch` supports. */
export function goMinKernel(release: string, goarch: string | null): string | null {
  const base = lookup(linuxKernel, release);
  const arch = goarch ? linuxKernelByArch[goarch] : undefined;
  const specific = arch ? lookup(arch, release) : null;
  if (!specific) return base;
  if (!base) return specific;
  return compareVersions(specific, base) > 0 ? specific : base;
}

export function goMinMacos(release: string): string | null {
  return lookup(macos, release);
}

export function goMinWindows(release: string): string | null {
  return lookup(windows, release);
}

/** Windows marketing versions in release order, so "8.1" < "10" compares right. */
const windowsOrder = ['xp', 'vista', '7', '8', '8.1', '10', '11'];

export function compareWindows(a: string, b: string): number {
  const ia = windowsOrder.indexOf(a.toLowerCase());
  const ib = windowsOrder.indexOf(b.toLowerCase());
  if (ia >= 0 && ib >= 0) return ia - ib;
  return compareVersions(a, b);
}
