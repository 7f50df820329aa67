/**
 * Debian and Ubuntu: apt-get, non-interactive. Debian 12's own Go is 1.19, so Go comes from
 * bookworm-backports (golang-1.23-go, installed under /usr/lib/go-1.23); cross compilers are
 * gcc-<triplet> with libc6-dev-<arch>-cross, which brings the target glibc for CGO.
 */
import { archOf, qemuTargetOf } from '../../platform/lookup.ts';
import type { FamilyPlan, Needs, PlanInput, SetupStep } from '../types.ts';

const APT_ENV = { DEBIAN_FRONTEND: 'noninteractive' };
// Wait for another apt/dpkg (unattended-upgrades, a parallel job) instead of failing at once.
const LOCK_WAIT = ['-o', 'DPkg::Lock::Timeout=300'];

const oldGo: Record<string, string> = {
  'debian 10': "Debian 10's golang-go is Go 1.11",
  'debian 11': "Debian 11's golang-go is Go 1.15 (bullseye-backports has 1.19)",
  'ubuntu 18.04': "Ubuntu 18.04's golang-go is Go 1.10",
  'ubuntu 20.04': "Ubuntu 20.04's golang-go is Go 1.13",
  'ubuntu 22.04': "Ubuntu 22.04's golang-go is Go 1.18",
};

export function install(packages: string[], extraArgs: string[] = [], description = 'install packages'): SetupStep {
  return { kind: 'install', description, command: ['apt-get', 'install', '-y', '--no-install-recommends', ...LOCK_WAIT, ...extraArgs, ...packages], env: APT_ENV, packages };
}

export function planApt(input: PlanInput, needs: Needs): FamilyPlan {
  const steps: SetupStep[] = [];
  const notes: string[] = [];
  const bookworm = input.osId === 'debian' && (input.codename === 'bookworm' || input.versionId === '12');
  if (bookworm) {
    steps.push({
      kind: 'repo',
      description: 'enable bookworm-backports (newer Go)',
      command: [],
      writeFile: {
        path: '/etc/apt/sources.list.d/gocross-backports.sources',
        content: 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n',
      },
      doneWhen: { files: ['/etc/apt/sources.list', '/etc/apt/sources.list.d/*'], contains: 'bookworm-backports' },
    });
  }
  steps.push({ kind: 'refresh', description: 'refresh package lists', command: ['apt-get', 'update', ...LOCK_WAIT], env: APT_ENV });
  if (bookworm) {
    steps.push(install(['golang-1.23-go'], ['-t', 'bookworm-backports'], 'install Go 1.23 from bookworm-backports'));
    notes.push('Go 1.23 installs to /usr/lib/go-1.23: put /usr/lib/go-1.23/bin first on PATH');
  }
  const packages = bookworm ? [] : ['golang-go'];
  const old = oldGo[`${input.osId} ${input.versionId}`];
  if (old) notes.push(`${old}: too old for current modules; use ${input.osId === 'ubuntu' ? 'ppa:longsleep/golang-backports' : 'backports'} or a go.dev/dl tarball`);
  packages.push('binutils', 'file');
  if (needs.qemu.length > 0) packages.push('qemu-user-static');
  for (const goarch of needs.cc) {
    if (goarch === input.hostGoarch) packages.push('gcc', 'libc6-dev');
    else {
      const debian = archOf(goarch)?.linuxCc?.debian;
      if (debian) packages.push(...debian.packages);
      else notes.push(`no Debian cross compiler for linux/${goarch}: CGO there needs zig cc`);
    }
  }
  for (const goarch of needs.qemu) if (!qemuTargetOf(goarch)) notes.push(`QEMU has no user-mode emulator for linux/${goarch}`);
  packages.push(...(input.extra ?? []));
  steps.push(install([...new Set(packages)]));
  return { steps, notes };
}
