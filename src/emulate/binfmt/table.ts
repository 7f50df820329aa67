/**
 * The QEMU user-mode magic/mask table, as registered by QEMU's scripts/qemu-binfmt-conf.sh and
 * (for the arches it shares) tonistiigi/binfmt. Source: shared/reference/qemu-binfmt.tsv.
 * Magic and mask are hex; compare entries by (magic & mask), never by raw magic.
 */

export interface QemuTarget {
  /** QEMU's name: the interpreter is qemu-<qemuArch>[-static], the entry qemu-<qemuArch>. */
  qemuArch: string;
  /** The GOARCH whose linux binaries this entry runs, or null when Go has no port. */
  goarch: string | null;
  magic: string;
  mask: string;
}

export const QEMU_TARGETS: readonly QemuTarget[] = [
  { qemuArch: 'i386', goarch: '386', magic: '7f454c4601010100000000000000000002000300', mask: 'fffffffffffefe00fffffffffffffffffeffffff' },
  { qemuArch: 'x86_64', goarch: 'amd64', magic: '7f454c4602010100000000000000000002003e00', mask: 'fffffffffffefe00fffffffffffffffffeffffff' },
  { qemuArch: 'alpha', goarch: null, magic: '7f454c4602010100000000000000000002002690', mask: 'fffffffffffefe00fffffffffffffffffeffffff' },
  { qemuArch: 'arm', goarch: 'arm', magic: '7f454c4601010100000000000000000002002800', mask: 'ffffffffffffff00fffffffffffffffffeffffff' },
  { qemuArch: 'armeb', goarch: null, magic: '7f454c4601020100000000000000000000020028', mask: 'ffffffffffffff00fffffffffffffffffffeffff' },
  { qemuArch: 'sparc', goarch: null, magic: '7f454c4601020100000000000000000000020002', mask: 'ffffffffffffff00fffffffffffffffffffeffff' },
  { qemuArch: 'sparc32plus', goarch: null, magic: '7f454c4601020100000000000000000000020012', mask: 'ffffffffffffff00fffffffffffffffffffeffff' },
  { qemuArch: 'sparc64', goarch: null, magic: '7f454c460202010000000000000000000002002b', mask: 'ffffffffffffff00fffffffffffffffffffeffff' },
  { qemuArch: 'ppc', goarch: null, magic: '7f454c4601020100000000000000000000020014', mask: 'ffffffffffffff00fffffffffffffffffffeffff' },
  { qemuArch: 'ppc64', goarch: 'ppc64', magic: '7f454c4602020100000000000000000000020015', mask: 'ffffffffffffff00fffffffffffffffffffeffff' },
  { qemuArch: 'ppc64le', goarch: 'ppc64le', magic: '7f454c4602010100000000000000000002001500', mask: 'ffffffffffffff00fffffffffffffffffeffff00' },
  { qemuArch: 'm68k', goarch: null, magic: '7f454c4601020100000000000000000000020004', mask: 'fffffffffffffe00fffffffffffffffffffeffff' },
  { qemuArch: 'mips', goarch: 'mips', magic: '7f454c46010201000000000000000000000200080000000100000000000000000000000000000000', mask: 'ffffffffffffff0000fffffffffffffffffeffffffffffff00000000000000000000000000000020' },
  { qemuArch: 'mipsel', goarch: 'mipsle', magic: '7f454c46010101000000000000000000020008000100000000000000000000000000000000000000', mask: 'ffffffffffffff0000fffffffffffffffeffffffffffffff00000000000000000000000020000000' },
  { qemuArch: 'mipsn32', goarch: null, magic: '7f454c46010201000000000000000000000200080000000100000000000000000000000000000020', mask: 'ffffffffffffff0000fffffffffffffffffeffffffffffff00000000000000000000000000000020' },
  { qemuArch: 'mipsn32el', goarch: null, magic: '7f454c46010101000000000000000000020008000100000000000000000000000000000020000000', mask: 'ffffffffffffff0000fffffffffffffffeffffffffffffff00000000000000000000000020000000' },
  { qemuArch: 'mips64', goarch: 'mips64', magic: '7f454c4602020100000000000000000000020008', mask: 'ffffffffffffff0000fffffffffffffffffeffff' },
  { qemuArch: 'mips64el', goarch: 'mips64le', magic: '7f454c4602010100000000000000000002000800', mask: 'ffffffffffffff0000fffffffffffffffeffffff' },
  { qemuArch: 'sh4', goarch: null, magic: '7f454c4601010100000000000000000002002a00', mask: 'ffffffffffffff00fffffffffffffffffeffffff' },
  { qemuArch: 'sh4eb', goarch: null, magic: '7f454c460102010000000000000000000002002a', mask: 'ffffffffffffff00fffffffffffffffffffeffff' },
  { qemuArch: 's390x', goarch: 's390x', magic: '7f454c4602020100000000000000000000020016', mask: 'ffffffffffffff00fffffffffffffffffffeffff' },
  { qemuArch: 'aarch64', goarch: 'arm64', magic: '7f454c460201010000000000000000000200b700', mask: 'ffffffffffffff00fffffffffffffffffeffffff' },
  { qemuArch: 'aarch64_be', goarch: null, magic: '7f454c46020201000000000000000000000200b7', mask: 'ffffffffffffff00fffffffffffffffffffeffff' },
  { qemuArch: 'hppa', goarch: null, magic: '7f454c460102010000000000000000000002000f', mask: 'ffffffffffffff00fffffffffffffffffffeffff' },
  { qemuArch: 'riscv32', goarch: null, magic: '7f454c460101010000000000000000000200f300', mask: 'ffffffffffffff00fffffffffffffffffeffffff' },
  { qemuArch: 'riscv64', goarch: 'riscv64', magic: '7f454c460201010000000000000000000200f300', mask: 'ffffffffffffff00fffffffffffffffffeffffff' },
  { qemuArch: 'xtensa', goarch: null, magic: '7f454c4601010100000000000000000002005e00', mask: 'ffffffffffffff00fffffffffffffffffeffffff' },
  { qemuArch: 'xtensaeb', goarch: null, magic: '7f454c460102010000000000000000000002005e', mask: 'ffffffffffffff00fffffffffffffffffffeffff' },
  { qemuArch: 'microblaze', goarch: null, magic: '7f454c460102010000000000000000000200baab', mask: 'ffffffffffffff00fffffffffffffffffeffffff' },
  { qemuArch: 'microblazeel', goarch: null, magic: '7f454c460101010000000000000000000200abba', mask: 'ffffffffffffff00fffffffffffffffffeffffff' },
  { qemuArch: 'or1k', goarch: null, magic: '7f454c460102010000000000000000000002005c', mask: 'ffffffffffffff00fffffffffffffffffffeffff' },
  { qemuArch: 'hexagon', goarch: null, magic: '7f454c460101010000000000000000000200a400', mask: 'ffffffffffffff00fffffffffffffffffeffffff' },
  { qemuArch: 'loongarch64', goarch: 'loong64', magic: '7f454c4602010100000000000000000002000201', mask: 'fffffffffffffffc00fffffffffffffffeffffff' },
];

/** The table row for a GOARCH (e.g. arm64 → aarch64), or undefined. */
export function targetForGoarch(goarch: string): QemuTarget | undefined {
  return QEMU_TARGETS.find((t) => t.goarch === goarch);
}

/** The table row for a QEMU arch name (aarch64, ppc64le…), or undefined. */
export function targetForQemuArch(qemuArch: string): QemuTarget | undefined {
  return QEMU_TARGETS.find((t) => t.qemuArch === qemuArch);
}

/** Accepts a GOARCH or a QEMU arch name: `arm64` and `aarch64` both give the aarch64 row. */
export function resolveTarget(arch: string): QemuTarget | undefined {
  return targetForGoarch(arch) ?? targetForQemuArch(arch);
}

/** The QEMU arch that runs the host's own binaries (never registered: the kernel runs them). */
export function hostQemuArch(nodeArch: string = process.arch): string | null {
  const map: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64', ia32: 'i386', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64', loong64: 'loongarch64', mips64el: 'mips64el', mipsel: 'mipsel' };
  return map[nodeArch] ?? null;
}

/** The GOARCH of the host (Node's process.arch names differ from Go's for x64, ia32, ppc64 and mips*). */
export function hostGoarch(nodeArch: string = process.arch): string {
  const map: Record<string, string> = { x64: 'amd64', ia32: '386', ppc64: 'ppc64le', mips64el: 'mips64le', mipsel: 'mipsle' };
  return map[nodeArch] ?? nodeArch;
}
