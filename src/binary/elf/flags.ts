/** Human description of e_flags for the machines where they matter (ARM float ABI, MIPS ABI/ISA…), pure. */
import {
  EF_ARM_ABI_FLOAT_HARD,
  EF_ARM_ABI_FLOAT_SOFT,
  EF_MIPS_ABI,
  EF_MIPS_ABI2,
  EF_MIPS_ARCH,
  EF_MIPS_CPIC,
  EF_MIPS_FP64,
  EF_MIPS_NAN2008,
  EF_MIPS_NOREORDER,
  EF_MIPS_PIC,
  EF_PPC64_ABI,
  EF_RISCV_FLOAT_ABI,
  EF_RISCV_RVC,
  EM_ARM,
  EM_MIPS,
  EM_PPC64,
  EM_RISCV,
} from './constants.ts';

const MIPS_ARCH: Record<number, string> = {
  0x0: 'mips1',
  0x1: 'mips2',
  0x2: 'mips3',
  0x3: 'mips4',
  0x4: 'mips5',
  0x5: 'mips32',
  0x6: 'mips64',
  0x7: 'mips32r2',
  0x8: 'mips64r2',
  0x9: 'mips32r6',
  0xa: 'mips64r6',
};
const MIPS_ABI: Record<number, string> = { 0x1: 'o32', 0x2: 'o64', 0x3: 'eabi32', 0x4: 'eabi64' };
const RISCV_FLOAT: Record<number, string> = { 0: 'soft-float ABI', 2: 'single-float ABI', 4: 'double-float ABI', 6: 'quad-float ABI' };

/** Words describing e_flags, in readelf's spirit (e.g. ["Version5 EABI", "soft-float ABI"]). */
export function describeFlags(machine: number, flags: number): string[] {
  const out: string[] = [];
  switch (machine) {
    case EM_ARM: {
      const eabi = flags >>> 24;
      if (eabi !== 0) out.push(`Version${eabi} EABI`);
      if (flags & EF_ARM_ABI_FLOAT_SOFT) out.push('soft-float ABI');
      if (flags & EF_ARM_ABI_FLOAT_HARD) out.push('hard-float ABI');
      break;
    }
    case EM_MIPS: {
      if (flags & EF_MIPS_NOREORDER) out.push('noreorder');
      if (flags & EF_MIPS_PIC) out.push('pic');
      if (flags & EF_MIPS_CPIC) out.push('cpic');
      if (flags & EF_MIPS_ABI2) out.push('abi2');
      if (flags & EF_MIPS_NAN2008) out.push('nan2008');
      if (flags & EF_MIPS_FP64) out.push('fp64');
      const abi = MIPS_ABI[(flags & EF_MIPS_ABI) >>> 12];
      if (abi) out.push(abi);
      out.push(MIPS_ARCH[(flags & EF_MIPS_ARCH) >>> 28] ?? `arch ${(flags & EF_MIPS_ARCH) >>> 28}`);
      break;
    }
    case EM_PPC64:
      if (flags & EF_PPC64_ABI) out.push(`abiv${flags & EF_PPC64_ABI}`);
      break;
    case EM_RISCV:
      if (flags & EF_RISCV_RVC) out.push('RVC');
      out.push(RISCV_FLOAT[flags & EF_RISCV_FLOAT_ABI]!);
      break;
  }
  return out;
}
