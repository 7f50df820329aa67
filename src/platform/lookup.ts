/** Lookups over the platform table: from any one name of an architecture to its row. */
import { ARCHES } from './arches.ts';
import { QEMU_ONLY_ARCHES } from './qemu-only.ts';
import type { Arch, Endian } from './types.ts';

/** The row of a GOARCH, or undefined when Go has no such architecture. */
export function archOf(goarch: string): Arch | undefined {
  return ARCHES.find((a) => a.goarch === goarch);
}

/** The Go row QEMU runs as qemu-<name> (aarch64 → arm64), or undefined (also for QEMU-only arches). */
export function archByQemuName(qemuName: string): Arch | undefined {
  return ARCHES.find((a) => a.qemu?.name === qemuName);
}

/** The Go row of an ELF machine/class/byte order (EM_MIPS + 64-bit + little → mips64le). */
export function archByElf(machine: number, bits: number, endian: Endian): Arch | undefined {
  return ARCHES.find((a) => a.elf.machine === machine && a.elf.bits === bits && a.elf.endian === endian);
}

/** The Go row of a machine name a binary reader printed ("AArch64", "x86-64", "MIPS" + bits + endian). */
export function archByMachineName(name: string, bits: number, endian: string): Arch | undefined {
  const candidates = ARCHES.filter((a) => a.machineNames.includes(name.toLowerCase()));
  if (candidates.length === 1 && candidates[0]!.elf.bits === bits) return candidates[0];
  return candidates.find((a) => a.elf.bits === bits && a.elf.endian === endian);
}

/** The Go row of a Node process.arch (x64 → amd64, ia32 → 386, ppc64 → ppc64le). */
export function archByNodeArch(nodeArch: string): Arch | undefined {
  return ARCHES.find((a) => a.nodeArch === nodeArch);
}

/** The GOARCH of the machine running gocross (Node's name where the table has no row). */
export function hostGoarch(nodeArch: string = process.arch): string {
  return archByNodeArch(nodeArch)?.goarch ?? nodeArch;
}

/** One binfmt_misc-registrable QEMU target: Go rows with a QEMU emulator, then the QEMU-only ones. */
export interface QemuTarget {
  /** QEMU's name: the interpreter is qemu-<qemuArch>[-static], the entry qemu-<qemuArch>. */
  qemuArch: string;
  /** The GOARCH whose linux binaries this entry runs, or null when Go has no port. */
  goarch: string | null;
  /** Hex; compare entries by (magic & mask), never by raw magic. */
  magic: string;
  mask: string;
}

export const QEMU_TARGETS: readonly QemuTarget[] = [
  ...ARCHES.flatMap((a) => (a.qemu ? [{ qemuArch: a.qemu.name, goarch: a.goarch, magic: a.qemu.magic, mask: a.qemu.mask }] : [])),
  ...QEMU_ONLY_ARCHES.map((a) => ({ qemuArch: a.qemu.name, goarch: null, magic: a.qemu.magic, mask: a.qemu.mask })),
];

/** The QEMU target for a GOARCH (arm64 → aarch64), or undefined. */
export function qemuTargetOf(goarch: string): QemuTarget | undefined {
  return QEMU_TARGETS.find((t) => t.goarch === goarch);
}

/** Accepts a GOARCH or a QEMU name: `arm64` and `aarch64` both give the aarch64 target. */
export function resolveQemuTarget(arch: string): QemuTarget | undefined {
  return qemuTargetOf(arch) ?? QEMU_TARGETS.find((t) => t.qemuArch === arch);
}

/**
 * The OCI platform (image-spec image-index.md "platform") of a target, from the table's row: the
 * GOARM level names the arm variant (linux/arm/6 → arm v6), the GOARM64 major level the arm64 one
 * (v9.0 → v9); other variants (GOAMD64 …) do not change the row's OCI name. Undefined when the
 * arch has no OCI name.
 */
export function ociPlatformOf(target: { goos: string; goarch: string; variant?: { value: string } }): { os: string; architecture: string; variant?: string } | undefined {
  const oci = archOf(target.goarch)?.oci;
  if (!oci) return undefined;
  let variant = oci.variant;
  if (target.variant && target.goarch === 'arm') variant = `v${target.variant.value.replace(/[^0-9].*$/, '')}`;
  if (target.variant && target.goarch === 'arm64') variant = target.variant.value.replace(/^(v\d+).*$/, '$1');
  return variant === undefined ? { os: target.goos, architecture: oci.architecture } : { os: target.goos, architecture: oci.architecture, variant };
}
