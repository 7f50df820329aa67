/**
 * Built-in target profiles. glibc and kernel numbers are those of REFERENCE.md's table (glibc
 * measured on the distros' images: `ldd --version` / `rpm -q glibc` / `dpkg -s libc6`); kernels are
 * the release's GA kernel (uname -r on the install image). Other sources, per field:
 * - arches: the distro's release notes / download pages, as GOARCH names.
 * - CPU baselines: RHEL 9 raised x86_64 to x86-64-v2 and ppc64le to POWER9 (RHEL 9 release notes,
 *   "architectures"); RHEL 10 raised x86_64 to x86-64-v3 (RHEL 10 release notes); Debian/Ubuntu
 *   armhf is ARMv7 (wiki.debian.org/ArmHardFloatPort); Raspberry Pi OS 32-bit (Raspbian) and
 *   Alpine armhf are ARMv6 hard-float (raspbian.org, wiki.alpinelinux.org/wiki/Alpine_on_ARM);
 *   every arm64 distro here targets ARMv8.0-A. EL10's ppc64le level is not recorded (unverified).
 * - GLIBCXX: the newest GLIBCXX_3.4.N of the distro's system libstdc++ (GCC 4.8 → .19, 7 → .24,
 *   8 → .25, 10 → .28, 11 → .29, 12 → .30, 13.2 → .32, 14 → .33; libstdc++ manual, "ABI Policy").
 */
import type { Profile } from './types.ts';

type Entry = Profile & { aliases?: string[] };

const elArches = ['amd64', 'arm64', 'ppc64le', 's390x'];
const ubuntuArches = ['amd64', 'arm64', 'arm', 'ppc64le', 's390x', 'riscv64'];
const armhf = { GOARM: '7', GOARM64: 'v8.0' };

export const builtinProfiles: readonly Entry[] = [
  {
    id: 'centos7', name: 'CentOS / RHEL 7', aliases: ['rhel7', 'el7'], os: 'linux', libc: 'glibc', libcVersion: '2.17', glibcxx: '3.4.19',
    kernel: '3.10', arches: ['amd64', 'arm64', 'ppc64le', 'ppc64', 's390x'], cpu: { GOAMD64: 'v1', GOARM64: 'v8.0' },
    source: 'glibc-2.17-*.el7, kernel-3.10.0-*.el7',
  },
  {
    id: 'rocky8', name: 'RHEL / Rocky / Alma 8', aliases: ['rhel8', 'alma8', 'centos8', 'el8'], os: 'linux', libc: 'glibc', libcVersion: '2.28', glibcxx: '3.4.25',
    kernel: '4.18', arches: elArches, cpu: { GOAMD64: 'v1', GOARM64: 'v8.0', GOPPC64: 'power8' },
    source: 'glibc-2.28-*.el8, kernel-4.18.0-*.el8',
  },
  {
    id: 'rocky9', name: 'RHEL / Rocky / Alma 9', aliases: ['rhel9', 'alma9', 'centos-stream9', 'el9'], os: 'linux', libc: 'glibc', libcVersion: '2.34', glibcxx: '3.4.29',
    kernel: '5.14', arches: elArches, cpu: { GOAMD64: 'v2', GOARM64: 'v8.0', GOPPC64: 'power9' },
    source: 'glibc-2.34-*.el9, kernel-5.14.0-*.el9; x86-64-v2 and POWER9 baselines (RHEL 9 release notes)',
  },
  {
    id: 'rocky10', name: 'RHEL / Rocky / Alma 10', aliases: ['rhel10', 'alma10', 'centos-stream10', 'el10'], os: 'linux', libc: 'glibc', libcVersion: '2.39', glibcxx: '3.4.33',
    kernel: '6.12', arches: elArches, cpu: { GOAMD64: 'v3', GOARM64: 'v8.0' },
    source: 'glibc-2.39-*.el10, kernel-6.12.0-*.el10; x86-64-v3 baseline (RHEL 10 release notes)',
  },
  {
    id: 'ubuntu18.04', name: 'Ubuntu 18.04 LTS', aliases: ['bionic'], os: 'linux', libc: 'glibc', libcVersion: '2.27', glibcxx: '3.4.25',
    kernel: '4.15', arches: ['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x'], cpu: { GOAMD64: 'v1', ...armhf },
    source: 'libc6 2.27-3ubuntu1, linux 4.15.0',
  },
  {
    id: 'ubuntu20.04', name: 'Ubuntu 20.04 LTS', aliases: ['focal'], os: 'linux', libc: 'glibc', libcVersion: '2.31', glibcxx: '3.4.28',
    kernel: '5.4', arches: ubuntuArches, cpu: { GOAMD64: 'v1', ...armhf },
    source: 'libc6 2.31-0ubuntu9, linux 5.4.0',
  },
  {
    id: 'ubuntu22.04', name: 'Ubuntu 22.04 LTS', aliases: ['jammy'], os: 'linux', libc: 'glibc', libcVersion: '2.35', glibcxx: '3.4.30',
    kernel: '5.15', arches: ubuntuArches, cpu: { GOAMD64: 'v1', ...armhf },
    source: 'libc6 2.35-0ubuntu3, linux 5.15.0',
  },
  {
    id: 'ubuntu24.04', name: 'Ubuntu 24.04 LTS', aliases: ['noble'], os: 'linux', libc: 'glibc', libcVersion: '2.39', glibcxx: '3.4.33',
    kernel: '6.8', arches: ubuntuArches, cpu: { GOAMD64: 'v1', ...armhf },
    source: 'libc6 2.39-0ubuntu8, linux 6.8.0',
  },
  {
    id: 'debian10', name: 'Debian 10 (buster)', aliases: ['buster'], os: 'linux', libc: 'glibc', libcVersion: '2.28', glibcxx: '3.4.25',
    kernel: '4.19', arches: ['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x', 'mips64le'], cpu: { GOAMD64: 'v1', ...armhf },
    source: 'libc6 2.28-10, linux 4.19',
  },
  {
    id: 'debian11', name: 'Debian 11 (bullseye)', aliases: ['bullseye'], os: 'linux', libc: 'glibc', libcVersion: '2.31', glibcxx: '3.4.28',
    kernel: '5.10', arches: ['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x', 'mips64le'], cpu: { GOAMD64: 'v1', ...armhf },
    source: 'libc6 2.31-13, linux 5.10',
  },
  {
    id: 'debian12', name: 'Debian 12 (bookworm)', aliases: ['bookworm'], os: 'linux', libc: 'glibc', libcVersion: '2.36', glibcxx: '3.4.30',
    kernel: '6.1', arches: ['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x', 'mips64le'], cpu: { GOAMD64: 'v1', ...armhf },
    source: 'libc6 2.36-9, linux 6.1',
  },
  {
    id: 'debian13', name: 'Debian 13 (trixie)', aliases: ['trixie'], os: 'linux', libc: 'glibc', libcVersion: '2.41', glibcxx: '3.4.33',
    kernel: '6.12', arches: ['amd64', 'arm64', 'arm', 'ppc64le', 's390x', 'riscv64'], cpu: { GOAMD64: 'v1', ...armhf },
    source: 'libc6 2.41-12, linux 6.12 (i386 and mips64el are no longer release architectures)',
  },
  {
    id: 'amzn2', name: 'Amazon Linux 2', aliases: ['amazonlinux2', 'al2'], os: 'linux', libc: 'glibc', libcVersion: '2.26', glibcxx: '3.4.24',
    kernel: '4.14', arches: ['amd64', 'arm64'], cpu: { GOAMD64: 'v1', GOARM64: 'v8.0' },
    source: 'glibc-2.26-*.amzn2, kernel 4.14 (5.4 and 5.10 also offered)',
  },
  {
    id: 'amzn2023', name: 'Amazon Linux 2023', aliases: ['amazonlinux2023', 'al2023'], os: 'linux', libc: 'glibc', libcVersion: '2.34', glibcxx: '3.4.29',
    kernel: '6.1', arches: ['amd64', 'arm64'], cpu: { GOAMD64: 'v1', GOARM64: 'v8.0' },
    source: 'glibc-2.34-*.amzn2023, kernel 6.1',
  },
  {
    id: 'alpine3.19', name: 'Alpine Linux 3.19', aliases: ['alpine'], os: 'linux', libc: 'musl', libcVersion: '1.2.4', glibcxx: '3.4.32',
    kernel: null, arches: ['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x'], cpu: { GOAMD64: 'v1', GOARM: '6', GOARM64: 'v8.0' },
    source: 'musl 1.2.4-r2; Alpine ships no fixed kernel for containers (armhf is ARMv6)',
  },
  {
    id: 'raspios12', name: 'Raspberry Pi OS 12 32-bit (armhf)', aliases: ['raspios', 'raspbian12'], os: 'linux', libc: 'glibc', libcVersion: '2.36', glibcxx: '3.4.30',
    kernel: '6.1', arches: ['arm'], cpu: { GOARM: '6' },
    source: 'Raspberry Pi OS (Bookworm) libc6 2.36-9+rpt2, linux 6.1; Raspbian armhf is ARMv6 + VFP',
  },
  {
    id: 'raspios12-arm64', name: 'Raspberry Pi OS 12 64-bit', aliases: ['raspios-arm64'], os: 'linux', libc: 'glibc', libcVersion: '2.36', glibcxx: '3.4.30',
    kernel: '6.1', arches: ['arm64'], cpu: { GOARM64: 'v8.0' },
    source: 'Raspberry Pi OS (Bookworm) arm64 = Debian 12 arm64, linux 6.1',
  },
  { id: 'macos11', name: 'macOS 11 Big Sur', os: 'darwin', osVersion: '11', arches: ['amd64', 'arm64'], cpu: { GOAMD64: 'v1' } },
  { id: 'macos12', name: 'macOS 12 Monterey', os: 'darwin', osVersion: '12', arches: ['amd64', 'arm64'], cpu: { GOAMD64: 'v1' } },
  { id: 'macos13', name: 'macOS 13 Ventura', os: 'darwin', osVersion: '13', arches: ['amd64', 'arm64'], cpu: { GOAMD64: 'v1' } },
  { id: 'windows7', name: 'Windows 7 / Server 2008 R2', os: 'windows', osVersion: '7', arches: ['amd64', '386'], cpu: { GOAMD64: 'v1' } },
  { id: 'windows10', name: 'Windows 10 / Server 2016', os: 'windows', osVersion: '10', arches: ['amd64', '386', 'arm64'], cpu: { GOAMD64: 'v1' } },
];

/** Finds a profile by id or alias (case-insensitive) among `profiles` (built-ins plus custom ones). */
export function findProfile(profiles: readonly Profile[], name: string): Profile | undefined {
  const wanted = name.trim().toLowerCase();
  return profiles.find((p) => p.id.toLowerCase() === wanted || (p as Entry).aliases?.some((a) => a.toLowerCase() === wanted));
}

export function profileNames(profiles: readonly Profile[]): string[] {
  return profiles.map((p) => p.id);
}
