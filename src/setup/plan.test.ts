import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planSetup, withoutInstalled } from './plan.ts';
import { renderPlan } from '../render/setup-plan.ts';
import type { PlanInput } from './types.ts';
import { parseTarget } from '../platform/target.ts';

const base = ({ targets = ['linux/amd64', 'linux/arm64'], ...over }: Partial<Omit<PlanInput, 'targets'>> & { targets?: string[] }): PlanInput => ({
  family: 'debian', osId: 'debian', versionId: '12', codename: 'bookworm', packageManager: 'apt', hostGoarch: 'amd64',
  targets: targets.map((t) => parseTarget(t)), ...over,
});

/** Each case: the host, the targets, and the exact commands expected (sudo-less rendering). */
const cases: Array<{ name: string; input: PlanInput; commands: string[]; notes?: RegExp[] }> = [
  {
    name: 'Debian 12: backports Go, QEMU, cross gcc with the target libc',
    input: base({}),
    commands: [
      "tee /etc/apt/sources.list.d/gocross-backports.sources >/dev/null <<'EOF'",
      'DEBIAN_FRONTEND=noninteractive apt-get update -o DPkg::Lock::Timeout=300',
      'DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 -t bookworm-backports golang-1.23-go',
      'DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 binutils file qemu-user-static gcc libc6-dev gcc-aarch64-linux-gnu libc6-dev-arm64-cross',
    ],
    notes: [/\/usr\/lib\/go-1\.23\/bin/],
  },
  {
    name: 'Ubuntu 24.04 without CGO: Go, binutils, QEMU only',
    input: base({ family: 'ubuntu', osId: 'ubuntu', versionId: '24.04', codename: 'noble', targets: ['linux/arm64', 'linux/riscv64'], cgo: false }),
    commands: [
      'DEBIAN_FRONTEND=noninteractive apt-get update -o DPkg::Lock::Timeout=300',
      'DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 golang-go binutils file qemu-user-static',
    ],
  },
  {
    name: 'Ubuntu 22.04: old distro Go is noted; armhf cross toolchain',
    input: base({ family: 'ubuntu', osId: 'ubuntu', versionId: '22.04', codename: 'jammy', targets: ['linux/arm'] }),
    commands: [
      'DEBIAN_FRONTEND=noninteractive apt-get update -o DPkg::Lock::Timeout=300',
      'DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 golang-go binutils file qemu-user-static gcc-arm-linux-gnueabihf libc6-dev-armhf-cross',
    ],
    notes: [/Go 1\.18/],
  },
  {
    name: 'Rocky 9: EPEL + CRB, cross gcc without target glibc',
    input: base({ family: 'rhel', osId: 'rocky', versionId: '9.3', codename: null, packageManager: 'dnf' }),
    commands: [
      'dnf install -y epel-release',
      'dnf config-manager --set-enabled crb',
      'dnf install -y golang binutils file qemu-user-static gcc glibc-devel gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu',
    ],
    notes: [/no target glibc.*zig cc/],
  },
  {
    name: 'Rocky 8: PowerTools instead of CRB',
    input: base({ family: 'rhel', osId: 'rocky', versionId: '8.9', codename: null, packageManager: 'dnf', targets: ['linux/arm64'], cgo: false }),
    commands: ['dnf install -y epel-release', 'dnf config-manager --set-enabled powertools', 'dnf install -y golang binutils file qemu-user-static'],
  },
  {
    name: 'RHEL 10: EPEL from its URL, CodeReady Builder noted',
    input: base({ family: 'rhel', osId: 'rhel', versionId: '10.0', codename: null, packageManager: 'dnf', targets: ['linux/arm64'], cgo: false }),
    commands: ['dnf install -y https://dl.fedoraproject.org/pub/epel/epel-release-latest-10.noarch.rpm', 'dnf install -y golang binutils file qemu-user-static'],
    notes: [/codeready-builder-for-rhel-10/],
  },
  {
    name: 'CentOS 7: yum, EPEL, end of life noted',
    input: base({ family: 'rhel', osId: 'centos', versionId: '7', codename: null, packageManager: 'yum', targets: ['linux/amd64'] }),
    commands: ['yum install -y epel-release', 'yum install -y golang binutils file gcc glibc-devel'],
    notes: [/vault\.centos\.org/],
  },
  {
    name: 'Amazon Linux 2023: no EPEL, no packaged QEMU',
    input: base({ family: 'amazon', osId: 'amzn', versionId: '2023', codename: null, packageManager: 'dnf', targets: ['linux/arm64'], cgo: false }),
    commands: ['dnf install -y golang binutils file'],
    notes: [/does not package qemu-user-static/],
  },
  {
    name: 'Alpine: per-arch QEMU packages, native gcc + musl-dev, zig noted for cross CGO',
    input: base({ family: 'alpine', osId: 'alpine', versionId: '3.19.1', codename: null, packageManager: 'apk', targets: ['linux/amd64', 'linux/arm64', 'linux/arm'] }),
    commands: ['apk update', 'apk add go binutils file qemu-aarch64 qemu-arm gcc musl-dev'],
    notes: [/zig cc/, /musl/],
  },
  {
    name: 'openSUSE: zypper non-interactive with qemu-linux-user',
    input: base({ family: 'suse', osId: 'opensuse-leap', versionId: '15.6', codename: null, packageManager: 'zypper', targets: ['linux/arm64'], cgo: false }),
    commands: ['zypper --non-interactive refresh', 'zypper --non-interactive install --no-recommends go binutils file qemu-linux-user'],
  },
  {
    name: 'windows/darwin targets need nothing beyond Go',
    input: base({ family: 'ubuntu', osId: 'ubuntu', versionId: '24.04', targets: ['windows/amd64', 'darwin/arm64'] }),
    commands: ['DEBIAN_FRONTEND=noninteractive apt-get update -o DPkg::Lock::Timeout=300', 'DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 golang-go binutils file'],
    notes: [/windows\/amd64, darwin\/arm64: Go cross-compiles these/],
  },
];

describe('planSetup()', () => {
  for (const c of cases) {
    it(c.name, () => {
      const plan = planSetup(c.input);
      const text = renderPlan(plan, false);
      const commands = text.split('\n').filter((l) => l && !l.startsWith('#') && !/^(Types|URIs|Suites|Components|Signed-By):|^EOF$/.test(l));
      assert.deepEqual(commands, c.commands);
      for (const n of c.notes ?? []) assert.ok(plan.notes.some((note) => n.test(note)), `${n} in ${JSON.stringify(plan.notes)}`);
    });
  }

  it('with sudo, variables pass through env(1) because sudo resets the environment', () => {
    const text = renderPlan(planSetup(base({ targets: ['linux/arm64'], cgo: false })), true);
    assert.match(text, /^sudo env DEBIAN_FRONTEND=noninteractive apt-get install /m);
  });

  it('--also packages join the install step', () => {
    const plan = planSetup(base({ extra: ['hello'] }));
    assert.ok(plan.steps.at(-1)?.packages?.includes('hello'));
  });
});

describe('withoutInstalled()', () => {
  const plan = planSetup(base({ cgo: false }));
  const installs = (p: typeof plan): string[][] => p.steps.filter((s) => s.kind === 'install').map((s) => s.packages ?? []);

  it('leaves installed packages out of the install commands and lists them', () => {
    const pruned = withoutInstalled(plan, new Set(['binutils', 'file']));
    assert.deepEqual(installs(pruned), [['golang-1.23-go'], ['qemu-user-static']]);
    assert.ok(pruned.steps.at(-1)!.command.join(' ').endsWith('--no-install-recommends -o DPkg::Lock::Timeout=300 qemu-user-static'));
    assert.deepEqual(pruned.alreadyInstalled, ['binutils', 'file']);
    assert.match(renderPlan(pruned, false), /# note: already installed: binutils, file \(not planned again\)/);
  });

  it('plans nothing, not even the repo and refresh steps, when everything is installed', () => {
    const pruned = withoutInstalled(plan, new Set(installs(plan).flat()));
    assert.deepEqual(pruned.steps, []);
    assert.equal(pruned.alreadyInstalled?.length, 4);
  });

  it('returns the plan unchanged when nothing is installed', () => {
    assert.equal(withoutInstalled(plan, new Set()), plan);
  });
});
