/**
 * Tiny static Linux ELF executables, one per Go arch, built from a few hand-assembled
 * instructions: load argc from the initial stack, add 41, exit with it. Run with no arguments a
 * correct registration exits 42; an interpreter that mishandles the P flag shifts argv and exits 43.
 * Each file is one ELF header, one PT_LOAD program header and 16–24 bytes of code (< 150 bytes),
 * so proving a registration needs neither Go nor a cross compiler.
 */

interface ProbeSpec {
  bits: 32 | 64;
  littleEndian: boolean;
  machine: number;
  flags: number;
  /** Instruction words in program order (each written in the target's byte order), or raw bytes. */
  code: { words: number[] } | { bytes: number[] };
}

// Encodings (checked by running each under qemu-<arch>-static in the tests):
const PROBES: Record<string, ProbeSpec> = {
  // mov rdi,[rsp]; add rdi,41; mov eax,231 (exit_group); syscall
  amd64: { bits: 64, littleEndian: true, machine: 62, flags: 0, code: { bytes: [0x48, 0x8b, 0x3c, 0x24, 0x48, 0x83, 0xc7, 0x29, 0xb8, 0xe7, 0, 0, 0, 0x0f, 0x05] } },
  // mov ebx,[esp]; add ebx,41; mov eax,1 (exit); int 0x80
  '386': { bits: 32, littleEndian: true, machine: 3, flags: 0, code: { bytes: [0x8b, 0x1c, 0x24, 0x83, 0xc3, 0x29, 0xb8, 1, 0, 0, 0, 0xcd, 0x80] } },
  // ldr x0,[sp]; add x0,x0,#41; movz x8,#93 (exit); svc #0
  arm64: { bits: 64, littleEndian: true, machine: 183, flags: 0, code: { words: [0xf94003e0, 0x9100a400, 0xd2800ba8, 0xd4000001] } },
  // ldr r0,[sp]; add r0,r0,#41; mov r7,#1 (exit); svc #0 — EABI version 5 like Go's output
  arm: { bits: 32, littleEndian: true, machine: 40, flags: 0x05000000, code: { words: [0xe59d0000, 0xe2800029, 0xe3a07001, 0xef000000] } },
  // ld a0,0(sp); addi a0,a0,41; li a7,93 (exit); ecall
  riscv64: { bits: 64, littleEndian: true, machine: 243, flags: 0x4, code: { words: [0x00013503, 0x02950513, 0x05d00893, 0x00000073] } },
  // ld r3,0(r1); addi r3,r3,41; li r0,1 (exit); sc — ELFv2 (e_flags 2): e_entry is code, not a descriptor
  ppc64le: { bits: 64, littleEndian: true, machine: 21, flags: 2, code: { words: [0xe8610000, 0x38630029, 0x38000001, 0x44000002] } },
  ppc64: { bits: 64, littleEndian: false, machine: 21, flags: 2, code: { words: [0xe8610000, 0x38630029, 0x38000001, 0x44000002] } },
  // lg %r2,0(%r15); aghi %r2,41; svc 1 (exit)
  s390x: { bits: 64, littleEndian: false, machine: 22, flags: 0, code: { bytes: [0xe3, 0x20, 0xf0, 0x00, 0x00, 0x04, 0xa7, 0x2b, 0x00, 0x29, 0x0a, 0x01] } },
  // ld a0,0(sp); daddiu a0,a0,41; li v0,5058 (n64 exit); syscall
  mips64le: { bits: 64, littleEndian: true, machine: 8, flags: 0x20000004, code: { words: [0xdfa40000, 0x64840029, 0x240213c2, 0x0000000c] } },
  mips64: { bits: 64, littleEndian: false, machine: 8, flags: 0x20000004, code: { words: [0xdfa40000, 0x64840029, 0x240213c2, 0x0000000c] } },
  // lw a0,0(sp); addiu a0,a0,41; li v0,4001 (o32 exit); syscall
  mipsle: { bits: 32, littleEndian: true, machine: 8, flags: 0x50001004, code: { words: [0x8fa40000, 0x24840029, 0x24020fa1, 0x0000000c] } },
  mips: { bits: 32, littleEndian: false, machine: 8, flags: 0x50001004, code: { words: [0x8fa40000, 0x24840029, 0x24020fa1, 0x0000000c] } },
  // ld.d $a0,$sp,0; addi.d $a0,$a0,41; addi.d $a7,$zero,93 (exit); syscall 0
  loong64: { bits: 64, littleEndian: true, machine: 258, flags: 0x43, code: { words: [0x28c00064, 0x02c0a484, 0x02c1740b, 0x002b0000] } },
};

/** The exit status a probe returns when run with no arguments through a correct registration. */
export const PROBE_EXIT_CODE = 42;

export function probeArches(): string[] {
  return Object.keys(PROBES);
}

const BASE = 0x400000;

/** The probe executable for a GOARCH, or null when none is carried for it. */
export function probeElf(goarch: string): Uint8Array | null {
  const spec = PROBES[goarch];
  if (!spec) return null;
  const code: number[] = [];
  if ('bytes' in spec.code) code.push(...spec.code.bytes);
  else {
    for (const w of spec.code.words) {
      const b = [(w >>> 24) & 0xff, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff];
      code.push(...(spec.littleEndian ? b.reverse() : b));
    }
  }
  const is64 = spec.bits === 64;
  const ehsize = is64 ? 64 : 52;
  const phentsize = is64 ? 56 : 32;
  const codeOffset = ehsize + phentsize;
  const size = codeOffset + code.length;
  const buf = new Uint8Array(size);
  const view = new DataView(buf.buffer);
  const le = spec.littleEndian;
  const u16 = (o: number, v: number): void => view.setUint16(o, v, le);
  const u32 = (o: number, v: number): void => view.setUint32(o, v, le);
  const addr = (o: number, v: number): void => (is64 ? view.setBigUint64(o, BigInt(v), le) : view.setUint32(o, v, le));
  buf.set([0x7f, 0x45, 0x4c, 0x46, is64 ? 2 : 1, le ? 1 : 2, 1, 0]);
  u16(16, 2); // ET_EXEC
  u16(18, spec.machine);
  u32(20, 1); // EV_CURRENT
  const w = is64 ? 8 : 4;
  addr(24, BASE + codeOffset); // e_entry
  addr(24 + w, ehsize); // e_phoff
  addr(24 + 2 * w, 0); // e_shoff
  const rest = 24 + 3 * w;
  u32(rest, spec.flags);
  u16(rest + 4, ehsize);
  u16(rest + 6, phentsize);
  u16(rest + 8, 1); // e_phnum
  u16(rest + 10, is64 ? 64 : 40); // e_shentsize
  u16(rest + 12, 0); // e_shnum
  u16(rest + 14, 0); // e_shstrndx
  const ph = ehsize;
  u32(ph, 1); // PT_LOAD
  if (is64) {
    u32(ph + 4, 5); // PF_R|PF_X
    addr(ph + 8, 0); // p_offset
    addr(ph + 16, BASE); // p_vaddr
    addr(ph + 24, BASE); // p_paddr
    addr(ph + 32, size); // p_filesz
    addr(ph + 40, size); // p_memsz
    addr(ph + 48, 0x10000); // p_align
  } else {
    u32(ph + 4, 0);
    u32(ph + 8, BASE);
    u32(ph + 12, BASE);
    u32(ph + 16, size);
    u32(ph + 20, size);
    u32(ph + 24, 5);
    u32(ph + 28, 0x10000);
  }
  buf.set(code, codeOffset);
  return buf;
}
