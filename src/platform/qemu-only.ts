/**
 * Architectures QEMU user mode emulates that Go has no port for. binfmt must still recognise
 * their entries (another tool may have registered them, and they may overlap ours), so they keep
 * their magic/mask beside the Go rows. Source: QEMU scripts/qemu-binfmt-conf.sh
 * (shared/reference/qemu-binfmt.tsv); ELF machine numbers from the gABI / linux/elf-em.h.
 */
import type { QemuOnlyArch } from './types.ts';

const le32 = 'fffffffffffefe00fffffffffffffffffeffffff';
const std32le = 'ffffffffffffff00fffffffffffffffffeffffff';
const std32be = 'ffffffffffffff00fffffffffffffffffffeffff';

export const QEMU_ONLY_ARCHES: readonly QemuOnlyArch[] = [
  // Alpha's EM_ALPHA is the unofficial 0x9026 (the gABI number 41 was never used by Linux).
  { elf: { machine: 0x9026, bits: 64, endian: 'little' }, qemu: { name: 'alpha', magic: '7f454c4602010100000000000000000002002690', mask: le32 } },
  { elf: { machine: 40, bits: 32, endian: 'big' }, qemu: { name: 'armeb', magic: '7f454c4601020100000000000000000000020028', mask: std32be } },
  { elf: { machine: 2, bits: 32, endian: 'big' }, qemu: { name: 'sparc', magic: '7f454c4601020100000000000000000000020002', mask: std32be } },
  { elf: { machine: 18, bits: 32, endian: 'big' }, qemu: { name: 'sparc32plus', magic: '7f454c4601020100000000000000000000020012', mask: std32be } },
  { elf: { machine: 43, bits: 64, endian: 'big' }, qemu: { name: 'sparc64', magic: '7f454c460202010000000000000000000002002b', mask: std32be } },
  { elf: { machine: 20, bits: 32, endian: 'big' }, qemu: { name: 'ppc', magic: '7f454c4601020100000000000000000000020014', mask: std32be } },
  { elf: { machine: 4, bits: 32, endian: 'big' }, qemu: { name: 'm68k', magic: '7f454c4601020100000000000000000000020004', mask: 'fffffffffffffe00fffffffffffffffffffeffff' } },
  { elf: { machine: 8, bits: 32, endian: 'big' }, qemu: { name: 'mipsn32', magic: '7f454c46010201000000000000000000000200080000000100000000000000000000000000000020', mask: 'ffffffffffffff0000fffffffffffffffffeffffffffffff00000000000000000000000000000020' } },
  { elf: { machine: 8, bits: 32, endian: 'little' }, qemu: { name: 'mipsn32el', magic: '7f454c46010101000000000000000000020008000100000000000000000000000000000020000000', mask: 'ffffffffffffff0000fffffffffffffffeffffffffffffff00000000000000000000000020000000' } },
  { elf: { machine: 42, bits: 32, endian: 'little' }, qemu: { name: 'sh4', magic: '7f454c4601010100000000000000000002002a00', mask: std32le } },
  { elf: { machine: 42, bits: 32, endian: 'big' }, qemu: { name: 'sh4eb', magic: '7f454c460102010000000000000000000002002a', mask: std32be } },
  { elf: { machine: 183, bits: 64, endian: 'big' }, qemu: { name: 'aarch64_be', magic: '7f454c46020201000000000000000000000200b7', mask: std32be } },
  { elf: { machine: 15, bits: 32, endian: 'big' }, qemu: { name: 'hppa', magic: '7f454c460102010000000000000000000002000f', mask: std32be } },
  { elf: { machine: 243, bits: 32, endian: 'little' }, qemu: { name: 'riscv32', magic: '7f454c460101010000000000000000000200f300', mask: std32le } },
  { elf: { machine: 94, bits: 32, endian: 'little' }, qemu: { name: 'xtensa', magic: '7f454c4601010100000000000000000002005e00', mask: std32le } },
  { elf: { machine: 94, bits: 32, endian: 'big' }, qemu: { name: 'xtensaeb', magic: '7f454c460102010000000000000000000002005e', mask: std32be } },
  // QEMU's microblaze magic writes e_type little-endian although EI_DATA says big-endian (it may miss real BE binaries).
  { elf: { machine: 0xbaab, bits: 32, endian: 'big' }, qemu: { name: 'microblaze', magic: '7f454c460102010000000000000000000200baab', mask: std32le } },
  { elf: { machine: 0xbaab, bits: 32, endian: 'little' }, qemu: { name: 'microblazeel', magic: '7f454c460101010000000000000000000200abba', mask: std32le } },
  { elf: { machine: 92, bits: 32, endian: 'big' }, qemu: { name: 'or1k', magic: '7f454c460102010000000000000000000002005c', mask: std32be } },
  { elf: { machine: 164, bits: 32, endian: 'little' }, qemu: { name: 'hexagon', magic: '7f454c460101010000000000000000000200a400', mask: std32le } },
];
